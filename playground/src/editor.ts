import type { PlaygroundDiagnostic } from "./compile";

/**
 * A textarea with line numbers, over a layer of the same text in which each
 * diagnostic's range is marked (the textarea itself cannot style ranges).
 */
export class SourceEditor {
  private readonly gutter: HTMLElement;
  private readonly marks: HTMLElement;

  constructor(readonly textarea: HTMLTextAreaElement) {
    const code = textarea.parentElement!;
    this.gutter = code.parentElement!.querySelector(".gutter")!;
    this.marks = code.querySelector(".marks")!;
    textarea.addEventListener("scroll", () => {
      this.marks.scrollTop = this.gutter.scrollTop = textarea.scrollTop;
      this.marks.scrollLeft = textarea.scrollLeft;
    });
    textarea.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      event.preventDefault();
      textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input"));
    });
  }

  get text(): string {
    return this.textarea.value;
  }

  set text(value: string) {
    this.textarea.value = value;
  }

  /** Redraws the line numbers and the marked ranges for the current text. */
  show(diagnostics: readonly PlaygroundDiagnostic[]): void {
    const text = this.textarea.value;
    const lineCount = text.split("\n").length;
    const lines = new Map(diagnostics.map((d) => [d.line, d]));
    this.gutter.replaceChildren(
      ...Array.from({ length: lineCount }, (_, index) => {
        const line = document.createElement("div");
        line.textContent = String(index + 1);
        const diagnostic = lines.get(index + 1);
        if (diagnostic !== undefined) {
          line.className = "flagged";
          line.title = `${diagnostic.code}: ${diagnostic.message}`;
        }
        return line;
      }),
    );
    this.marks.replaceChildren(...markedText(text, diagnostics));
  }

  /** Puts the caret at a diagnostic and selects its range. */
  reveal(diagnostic: PlaygroundDiagnostic): void {
    this.textarea.focus();
    this.textarea.setSelectionRange(diagnostic.start, diagnostic.start + Math.max(diagnostic.length, 1));
  }
}

/** The text as nodes, each diagnostic's range in a <mark> (overlaps merged into the earlier one). */
function markedText(text: string, diagnostics: readonly PlaygroundDiagnostic[]): Node[] {
  const nodes: Node[] = [];
  let position = 0;
  for (const diagnostic of [...diagnostics].sort((a, b) => a.start - b.start)) {
    const start = Math.max(diagnostic.start, position);
    const end = Math.max(start, diagnostic.start + Math.max(diagnostic.length, 1));
    if (start >= end) continue;
    nodes.push(document.createTextNode(text.slice(position, start)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end) || " ";
    mark.title = `${diagnostic.code}: ${diagnostic.message}`;
    nodes.push(mark);
    position = end;
  }
  // A trailing newline needs a character after it, or the layer is a line shorter than the textarea.
  nodes.push(document.createTextNode(`${text.slice(position)} `));
  return nodes;
}
