// Times the engine's full recomputation of the generated 200,000-cell plan in wasm (node's
// V8, the same engine as Chromium), from the module built by scripts/engine-wasm.sh.
// Prints the median and the fastest of several batches, per run.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [file, label = 'release (opt-level z, as the app)'] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const x = instance.exports;
const built = x.prepare();
if (built === 0) throw new Error('the engine did not build');

function time(name, f, runs = 50, batches = 9) {
  f(5); // warm up
  const per = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    const ok = f(runs);
    per.push((performance.now() - t) / runs);
    if (ok !== runs) throw new Error(`${name}: ${runs - ok} of ${runs} runs failed`);
  }
  per.sort((a, b) => a - b);
  const ms = (v) => v.toFixed(3);
  console.log(`${name}: median ${ms(per[per.length >> 1])} ms, fastest ${ms(per[0])} ms per run`);
}

console.log(`wasm, ${label}; sums in ${built > 1 ? `${built - 1}-bit integers` : 'decimals'}`);
time('full recomputation (rollups from the engine\'s integers)', x.resum);
time('reference from the plan\'s decimals', x.from_decimals);
