// TensorFlow.js's native Node backend. Its install script downloads
// libtensorflow from storage.googleapis.com, which this project's machines
// cannot reach, so it is not a dev dependency and cannot be measured or even
// tried here; the table says so rather than leaving it out.

export async function tfjsNodeImplementations() {
  let installed = true;
  try {
    import.meta.resolve("@tensorflow/tfjs-node");
  } catch {
    installed = false;
  }
  const reason = installed
    ? "installed, but not measured: it could not be installed on the machine this bench was written on, so no code for it was tested"
    : "not installed: its install script downloads libtensorflow from storage.googleapis.com, which is unreachable offline";
  return [{ name: "tfjs-node", dtype: "float32", unavailable: reason }];
}
