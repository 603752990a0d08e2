;; The binner's column sort (FeatureBinner.fitTransform): a stable LSD radix sort of float64
;; values with their row indices, in WebAssembly text, compiled at build time by
;; scripts/buildKernels.js.
;;
;; Why not Float64Array.prototype.sort: it sorts 40,000 values in 4-5 ms here, and the
;; binner then finds every row's bin by a binary search over the edges (another 60-70 ns per
;; value in JavaScript); sorting the values with their rows (eight passes of 8 bits: 256
;; buckets keep the scattered writes within the first-level cache) gives both the quantiles and, in one walk, every row's bin.
;;
;; The bits of a float64 become an unsigned integer in the same order (negative values:
;; every bit flipped; others: the sign bit set), so -0 sorts before +0 as in
;; Float64Array.prototype.sort. NaN must not be among the values.
(module
  (import "env" "memory" (memory 1))

  ;; Sorts the `n` float64 at `keys` ascending, moving the int32 at `idx` with them, using
  ;; `keys2` (8n bytes), `idx2` (4n bytes) and `counts` (8 x 256 int32) as scratch. Returns
  ;; 0 when the result is in `keys`/`idx`, 1 when it is in `keys2`/`idx2`.
  (func (export "argsort")
    (param $keys i32) (param $idx i32) (param $n i32) (param $keys2 i32) (param $idx2 i32) (param $counts i32)
    (result i32)
    (local $i i32) (local $k i64) (local $pass i32) (local $shift i64) (local $table i32) (local $b i32)
    (local $sum i32) (local $c i32) (local $at i32) (local $t i32) (local $swapped i32)
    (memory.fill (local.get $counts) (i32.const 0) (i32.const 8192))
    ;; To sortable integers, in place, and the six digit histograms in the same pass.
    (block $mapped
      (br_if $mapped (i32.le_s (local.get $n) (i32.const 0)))
      (loop $map
        (local.set $k (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $k
          (i64.xor (local.get $k)
            (i64.or (i64.shr_s (local.get $k) (i64.const 63)) (i64.const 0x8000000000000000))))
        (i64.store (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3))) (local.get $k))
        (local.set $pass (i32.const 0))
        (local.set $shift (i64.const 0))
        (loop $digits
          (local.set $at
            (i32.add (local.get $counts)
              (i32.shl
                (i32.add (i32.shl (local.get $pass) (i32.const 8))
                  (i32.wrap_i64 (i64.and (i64.shr_u (local.get $k) (local.get $shift)) (i64.const 255))))
                (i32.const 2))))
          (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
          (local.set $shift (i64.add (local.get $shift) (i64.const 8)))
          (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
          (br_if $digits (i32.lt_u (local.get $pass) (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $map (i32.lt_s (local.get $i) (local.get $n)))))
    (local.set $pass (i32.const 0))
    (local.set $shift (i64.const 0))
    (block $sorted
      (br_if $sorted (i32.le_s (local.get $n) (i32.const 1)))
      (loop $passes
        (local.set $table (i32.add (local.get $counts) (i32.shl (local.get $pass) (i32.const 10))))
        ;; A digit all values share moves nothing: skip its pass.
        (block $skip
          (br_if $skip
            (i32.eq (local.get $n)
              (i32.load
                (i32.add (local.get $table)
                  (i32.shl
                    (i32.wrap_i64 (i64.and (i64.shr_u (i64.load (local.get $keys)) (local.get $shift)) (i64.const 255)))
                    (i32.const 2))))))
          ;; Exclusive prefix sums: where each digit's values start.
          (local.set $b (i32.const 0))
          (local.set $sum (i32.const 0))
          (loop $prefix
            (local.set $at (i32.add (local.get $table) (i32.shl (local.get $b) (i32.const 2))))
            (local.set $c (i32.load (local.get $at)))
            (i32.store (local.get $at) (local.get $sum))
            (local.set $sum (i32.add (local.get $sum) (local.get $c)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br_if $prefix (i32.lt_u (local.get $b) (i32.const 256))))
          (local.set $i (i32.const 0))
          (loop $scatter
            (local.set $k (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $at
              (i32.add (local.get $table)
                (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $k) (local.get $shift)) (i64.const 255)))
                  (i32.const 2))))
            (local.set $c (i32.load (local.get $at)))
            (i32.store (local.get $at) (i32.add (local.get $c) (i32.const 1)))
            (i64.store (i32.add (local.get $keys2) (i32.shl (local.get $c) (i32.const 3))) (local.get $k))
            (i32.store (i32.add (local.get $idx2) (i32.shl (local.get $c) (i32.const 2)))
              (i32.load (i32.add (local.get $idx) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $scatter (i32.lt_s (local.get $i) (local.get $n))))
          (local.set $t (local.get $keys))
          (local.set $keys (local.get $keys2))
          (local.set $keys2 (local.get $t))
          (local.set $t (local.get $idx))
          (local.set $idx (local.get $idx2))
          (local.set $idx2 (local.get $t))
          (local.set $swapped (i32.xor (local.get $swapped) (i32.const 1))))
        (local.set $shift (i64.add (local.get $shift) (i64.const 8)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br_if $passes (i32.lt_u (local.get $pass) (i32.const 8)))))
    ;; Back to float64, in place where the result is.
    (local.set $i (i32.const 0))
    (block $unmapped
      (br_if $unmapped (i32.le_s (local.get $n) (i32.const 0)))
      (loop $unmap
        (local.set $k (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $k
          (i64.xor (local.get $k)
            (i64.or (i64.shr_s (i64.xor (local.get $k) (i64.const -1)) (i64.const 63)) (i64.const 0x8000000000000000))))
        (i64.store (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3))) (local.get $k))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $unmap (i32.lt_s (local.get $i) (local.get $n)))))
    (local.get $swapped)))
