// The single-row walk of large forests over 4-byte nodes (RankedForestWalk.ts), as WebAssembly
// text that scripts/buildKernels.js compiles at build time. A JavaScript module rather than a
// .wat file because the walk keeps LANES trees in lockstep, each in its own two locals, and
// WebAssembly text has no macros: the fifty lanes' steps are written out here, not by hand.
//
// Why fifty: a step of a fully grown forest waits on memory, and the walk is as fast as the
// loads it keeps in flight. Built with 32, 40, 50 and 64 lanes, each against the sixteen-lane
// walk of 16-byte records in one process (bench/comparePredict.mjs, median of interleaved
// rounds), a row of the housing and friedman1 forests (100 trees, 2.1 and 2.5 million nodes)
// took 0.68/0.72, 0.61/0.63, 0.68/0.64 and 0.72/0.65x as long: within the noise of each other
// from 32 lanes up (a scratch build without the rest of the predictor measured 0.80x at 32,
// 0.71x at 50). Fifty walks a 100-tree forest in two full groups.
//
// Layout (all pointers are byte offsets into the imported memory):
// - `words`: one 32-bit word per node, a tree's nodes after its root in depth-first order of
//   child pairs, so a node's two children sit side by side. A split is
//   `feature << 24 | rank << 16 | offset`: it goes right when the row's rank of `feature` is
//   above `rank`, to the node `offset + 1` words on (left: `offset` words on). A leaf is
//   `0xFF000000 | leaf`, its output the float64 `leaf` of `leaves`.
// - `roots`: each tree's root word index (int32); `ranks`: per feature, the number of the
//   forest's distinct thresholds of that feature below the row's value (int32).
const LANES = 50;

const lanes = Array.from({ length: LANES }, (_, i) => i);
const locals = lanes.map((i) => `(local $p${i} i32) (local $w${i} i32)`).join(' ');
const allLeaves = lanes.slice(1).reduce((and, i) => `(i32.and ${and} (local.get $w${i}))`, '(local.get $w0)');

const start = (i) => `
        (if (i32.gt_u (local.get $k) (i32.const ${i}))
          (then
            (local.set $p${i} (i32.add (local.get $words) (i32.shl (i32.load offset=${4 * i} (local.get $r)) (i32.const 2))))
            (local.set $w${i} (i32.load (local.get $p${i}))))
          (else (local.set $w${i} (i32.const -1))))`;

// A split's step: to the child pair `offset` words on, plus one word when going right.
const step = (i) => `
            (if (i32.lt_u (local.get $w${i}) (i32.const 0xFF000000))
              (then
                (local.set $p${i}
                  (i32.add (local.get $p${i})
                    (i32.shl
                      (i32.add
                        (i32.and (local.get $w${i}) (i32.const 0xFFFF))
                        (i32.gt_u
                          (i32.load (i32.add (local.get $ranks) (i32.shl (i32.shr_u (local.get $w${i}) (i32.const 24)) (i32.const 2))))
                          (i32.and (i32.shr_u (local.get $w${i}) (i32.const 16)) (i32.const 255))))
                      (i32.const 2))))
                (local.set $w${i} (i32.load (local.get $p${i})))))`;

// Leaves are added in lane order, that is tree order: the sum the other walks make, to the bit.
const add = (i) => `
        (if (i32.gt_u (local.get $k) (i32.const ${i}))
          (then
            (local.set $acc
              (f64.add (local.get $acc)
                (f64.mul (local.get $scale)
                  (f64.load (i32.add (local.get $leaves) (i32.shl (i32.and (local.get $w${i}) (i32.const 0xFFFFFF)) (i32.const 3)))))))))`;

const text = `;; Generated from rankedWalk.wat.js by scripts/buildKernels.js: edit that file instead.
(module
  (import "env" "memory" (memory 1))

  ;; Walks every tree for the row whose ranks are at \`ranks\` and returns
  ;; \`acc + scale * leaf\` summed tree by tree in tree order, ${LANES} trees at a time.
  (func (export "walk")
    (param $words i32) (param $roots i32) (param $trees i32) (param $ranks i32) (param $leaves i32) (param $scale f64) (param $acc f64)
    (result f64)
    (local $r i32) (local $end i32) (local $k i32) ${locals}
    (local.set $r (local.get $roots))
    (local.set $end (i32.add (local.get $roots) (i32.shl (local.get $trees) (i32.const 2))))
    (block $groupsDone
      (br_if $groupsDone (i32.ge_u (local.get $r) (local.get $end)))
      (loop $groups
        ;; The trees of this group; lanes past the last tree hold a leaf word and never step.
        (local.set $k (i32.shr_u (i32.sub (local.get $end) (local.get $r)) (i32.const 2)))${lanes.map(start).join('')}
        (block $walked
          (loop $steps
            ;; Every lane is at a leaf when the AND of their words still has the leaf byte.
            (br_if $walked (i32.ge_u ${allLeaves} (i32.const 0xFF000000)))${lanes.map(step).join('')}
            (br $steps)))${lanes.map(add).join('')}
        (local.set $r (i32.add (local.get $r) (i32.const ${4 * LANES})))
        (br_if $groups (i32.lt_u (local.get $r) (local.get $end)))))
    (local.get $acc))
)
`;

// `lanes` is emitted beside the binary as RANKEDWALK_LANES, for the walk's callers.
module.exports = { text, lanes: LANES };
