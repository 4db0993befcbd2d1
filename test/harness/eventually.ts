/** Polls `condition` every `everyMs` for at most `limitMs`; true once it holds. */
export async function eventually(condition: () => boolean | Promise<boolean>, limitMs: number, everyMs = 100): Promise<boolean> {
  for (const deadline = Date.now() + limitMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, everyMs))) {
    if (await condition()) return true;
  }
  return condition();
}
