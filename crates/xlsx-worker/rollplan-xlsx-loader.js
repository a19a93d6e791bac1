// Starts the workbook worker: loads wasm-bindgen's no-modules glue, then the module, whose
// main() sets the message handler and posts {ready: true}. Copied to dist/ by trunk.
importScripts("./rollplan-xlsx-worker.js");
wasm_bindgen({ module_or_path: "./rollplan-xlsx-worker_bg.wasm" });
