const { sumsqBatched, sumsqLoop } = require("./out/sumsq.js");
const { np } = require("tsvmap");
const B = Number(process.argv[2] ?? 10000), L = 3;
const data = new Float64Array(B * L).map(() => Math.random());
const rows = np.array(data, [B, L]);
const reps = Math.max(1, Math.floor(2e6 / B));
function time(f) { const t = performance.now(); for (let r = 0; r < reps; r++) f(); return ((performance.now() - t) * 1000) / reps; }
const loop = () => sumsqLoop(data, B, L), comp = () => sumsqBatched(rows);
for (let i = 0; i < 5; i++) { time(loop); time(comp); }
const a = [], b = [];
for (let i = 0; i < 15; i++) { a.push(time(loop)); b.push(time(comp)); }
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1];
console.log(`B=${B} loop ${med(a).toFixed(2)} us, compiled ${med(b).toFixed(2)} us, ratio ${(med(b) / med(a)).toFixed(2)}`);
