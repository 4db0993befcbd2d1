import "./style.css";
import { compileExample, type Compilation, type PlaygroundDiagnostic } from "./compile";
import { SourceEditor } from "./editor";
import { examples, type Example } from "./examples";
import { describeResult, formatNumber } from "./format-result";
import { loadLibraryFiles } from "./library-files";
import { runExample } from "./run-example";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const editor = new SourceEditor(byId<HTMLTextAreaElement>("source"));
const inputsField = byId<HTMLInputElement>("inputs");
const batchSizeField = byId<HTMLInputElement>("batch-size");
const output = byId("output");
const diagnosticList = byId("diagnostics");
const emitted = byId("emitted");
const sites = byId("sites");
const timing = byId("timing");
const result = byId("result");
const consoleOutput = byId("console");

loadLibraryFiles();

// Each edit bumps the revision; only the latest one's run marks the output done (the browser test waits on it).
let revision = 0;
let pending: ReturnType<typeof setTimeout> | undefined;

function scheduleRefresh(): void {
  const current = ++revision;
  output.dataset.done = "false";
  clearTimeout(pending);
  pending = setTimeout(() => refresh(current), 120);
}

function refresh(current: number): void {
  const compilation = compileExample(editor.text);
  editor.show(compilation.diagnostics);
  showDiagnostics(compilation.diagnostics);
  emitted.textContent = compilation.javascript;
  sites.textContent = `${compilation.compiledSites} vmap site(s) compiled, ${compilation.refusedSites} refused`;
  timing.textContent = "running…";
  // Yield once so the code and diagnostics paint before the run.
  setTimeout(() => {
    if (current !== revision) return;
    run(compilation);
    output.dataset.done = "true";
  }, 0);
}

function showDiagnostics(diagnostics: readonly PlaygroundDiagnostic[]): void {
  if (diagnostics.length === 0) {
    const none = document.createElement("li");
    none.className = "none";
    none.textContent = "No diagnostics.";
    diagnosticList.replaceChildren(none);
    return;
  }
  diagnosticList.replaceChildren(
    ...diagnostics.map((diagnostic) => {
      const item = document.createElement("li");
      const code = document.createElement("span");
      code.className = "code";
      code.textContent = diagnostic.code;
      item.append(`${diagnostic.line}:${diagnostic.column} `, code, ` ${diagnostic.message}`);
      item.addEventListener("click", () => editor.reveal(diagnostic));
      return item;
    }),
  );
}

function run(compilation: Compilation): void {
  result.classList.remove("error");
  consoleOutput.textContent = "";
  if (compilation.refusedSites > 0) {
    timing.textContent = "";
    result.textContent = "Not run: a vmap call site was refused (see the diagnostics).";
    return;
  }
  try {
    const batchSize = Number(batchSizeField.value);
    const { compiled, reference, difference, printed } = runExample(compilation.javascript, editor.text, inputsField.value, batchSize);
    const agreement = typeof difference === "string" ? `differs from vmap.reference: ${difference}` : `max |compiled − reference| = ${formatNumber(difference)}`;
    timing.replaceChildren(
      "compiled ", strong(`${formatNumber(compiled.milliseconds, 3)} ms`),
      " · per-example loop (vmap.reference) ", strong(`${formatNumber(reference.milliseconds, 3)} ms`),
      ` · ${formatNumber(reference.milliseconds / compiled.milliseconds, 3)}× faster · B = ${batchSize} · ${agreement}`,
    );
    result.textContent = describeResult(compiled.value);
    consoleOutput.textContent = printed.length === 0 ? "" : `console (first call):\n${printed.join("\n")}`;
  } catch (error) {
    timing.textContent = "";
    result.classList.add("error");
    result.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

function strong(text: string): HTMLElement {
  const element = document.createElement("strong");
  element.textContent = text;
  return element;
}

function load(example: Example, button: HTMLButtonElement): void {
  for (const other of document.querySelectorAll("#examples button")) other.setAttribute("aria-pressed", "false");
  button.setAttribute("aria-pressed", "true");
  editor.text = example.source;
  inputsField.value = example.inputs;
  scheduleRefresh();
}

const buttons = examples.map((example) => {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = example.name;
  button.addEventListener("click", () => load(example, button));
  return button;
});
byId("examples").append(...buttons);
for (const field of [editor.textarea, inputsField, batchSizeField]) field.addEventListener("input", scheduleRefresh);
load(examples[0], buttons[0]);
