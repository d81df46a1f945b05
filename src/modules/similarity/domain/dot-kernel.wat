;; The dot-product kernels of the embedded vector store, compiled to dot-kernel.wasm at build time
;; by wabt (`npm run build:wasm`, scripts/build-wasm.ts): `dots` scans the float matrix
;; (vector-matrix.ts; layout in dot-kernel.ts), `scores_i8` the int8 codes (quantised-matrix.ts).
;;
;; Kept because it pays: on the ablation of reports/performance.md part 5b (HOT_PATH_OFF=wasm-dot-kernel,
;; the same scan in plain TypeScript, against the server as deployed, 5 paired repeats in one run,
;; fresh servers on 100,000 stored vectors) similar search's p95 at 4 connections was about 10×
;; lower; part 11 measured the float kernel alone at 34.5 % (95 % interval 16.8 … 74.4 %).
;; vector-matrix.spec.ts and quantised-matrix.spec.ts hold both kernels' answers identical to the
;; scalar loops' (and to the exact scan), and fail loudly should this runtime lose fixed-width SIMD.
;;
;; `dots`: rows are stored in blocks of 8, each block dimension-major: one 8-byte load holds dimension i of
;; two neighbouring rows, widened to an f64x2 — a pair of rows per register, each row's sum still
;; accumulated one dimension after another in f64, exactly like `dot += q[i] * m[i]` (a float32 ×
;; float32 product is exact in f64). Four pairs (one block) run side by side to hide the add latency.
(module
    ;; shared, so the scan pool's worker threads (scan-pool.ts) can each score a share of the rows
  (import "env" "memory" (memory 1 65536 shared))

  ;; dots(q, m, blocks, dim, out): for each of `blocks` blocks at byte offset `m`, the 8 rows' dot
  ;; products with the query, as f64, to `out` (64 bytes per block). `q` holds the query widened
  ;; and doubled: `dim` f64x2 values [q_i, q_i].
  (func (export "dots") (param $q i32) (param $m i32) (param $blocks i32) (param $dim i32) (param $out i32)
    (local $qp i32) (local $p i32) (local $i i32) (local $qi v128)
    (local $rows01 v128) (local $rows23 v128) (local $rows45 v128) (local $rows67 v128)
    (block $done
      (br_if $done (i32.eqz (local.get $blocks)))
      (br_if $done (i32.eqz (local.get $dim)))
      (local.set $p (local.get $m))
      (loop $each_block
        (local.set $rows01 (v128.const i64x2 0 0))
        (local.set $rows23 (v128.const i64x2 0 0))
        (local.set $rows45 (v128.const i64x2 0 0))
        (local.set $rows67 (v128.const i64x2 0 0))
        (local.set $qp (local.get $q))
        (local.set $i (local.get $dim))
        (loop $each_dimension
          (local.set $qi (v128.load align=16 (local.get $qp)))
          ;; rows += [q_i, q_i] * widen(dimension i of two rows)
          (local.set $rows01 (f64x2.add (local.get $rows01)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=0 align=8 (local.get $p))))))
          (local.set $rows23 (f64x2.add (local.get $rows23)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 align=8 (local.get $p))))))
          (local.set $rows45 (f64x2.add (local.get $rows45)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 align=8 (local.get $p))))))
          (local.set $rows67 (f64x2.add (local.get $rows67)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 align=8 (local.get $p))))))
          ;; next dimension: 8 floats of the block further, the next widened query value
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (local.set $qp (i32.add (local.get $qp) (i32.const 16)))
          (br_if $each_dimension (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
        (v128.store offset=0 align=16 (local.get $out) (local.get $rows01))
        (v128.store offset=16 align=16 (local.get $out) (local.get $rows23))
        (v128.store offset=32 align=16 (local.get $out) (local.get $rows45))
        (v128.store offset=48 align=16 (local.get $out) (local.get $rows67))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (br_if $each_block (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1)))))))

;; scores_i8(q, m, rows, chunks, scales, step, out): the quantised scan (quantised-matrix.ts). Each
  ;; of `rows` rows at byte offset `m` is `chunks` × 16 int8 codes, row after row; `q` holds the
  ;; query as `chunks` × 16 int16 values. Row r's integer dot product with the query, times `step`,
  ;; times the f64 at `scales` + 8r, goes to `out` + 8r as an f64. Rows go two at a time (sharing
  ;; the query's loads), so an odd count also scores the row after the last: the caller leaves room.
  ;; The integer arithmetic is exact as long as 127 × Σ|q_i| < 2^31, which the caller keeps by
  ;; scaling the query (|q_i| ≤ 32767 and ≤ (2^31 - 1) / (127 × dimensions)).
  (func (export "scores_i8") (param $q i32) (param $m i32) (param $rows i32) (param $chunks i32)
    (param $scales i32) (param $step f64) (param $out i32)
    (local $qp i32) (local $n i32) (local $next i32) (local $stride i32)
    (local $a v128) (local $b v128) (local $x v128) (local $y v128) (local $q0 v128) (local $q1 v128)
    (local.set $stride (i32.shl (local.get $chunks) (i32.const 4)))
    (block $done
      (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
      (br_if $done (i32.eqz (local.get $chunks)))
      (loop $each_pair
        (local.set $a (v128.const i64x2 0 0))
        (local.set $b (v128.const i64x2 0 0))
        (local.set $qp (local.get $q))
        (local.set $n (local.get $chunks))
        (local.set $next (i32.add (local.get $m) (local.get $stride)))
        (loop $each_chunk
          ;; 16 codes of each row, widened to two i16x8 halves, each multiplied pairwise with 8
          ;; query values and summed in pairs into the four i32 lanes
          (local.set $q0 (v128.load offset=0 align=16 (local.get $qp)))
          (local.set $q1 (v128.load offset=16 align=16 (local.get $qp)))
          (local.set $x (v128.load align=1 (local.get $m)))
          (local.set $y (v128.load align=1 (local.get $next)))
          (local.set $a (i32x4.add (local.get $a) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (local.get $q0))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (local.get $q1)))))
          (local.set $b (i32x4.add (local.get $b) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $y)) (local.get $q0))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $y)) (local.get $q1)))))
          (local.set $m (i32.add (local.get $m) (i32.const 16)))
          (local.set $next (i32.add (local.get $next) (i32.const 16)))
          (local.set $qp (i32.add (local.get $qp) (i32.const 32)))
          (br_if $each_chunk (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (f64.store offset=0 (local.get $out)
          (f64.mul (f64.mul (f64.convert_i32_s (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $a)) (i32x4.extract_lane 1 (local.get $a)))
            (i32.add (i32x4.extract_lane 2 (local.get $a)) (i32x4.extract_lane 3 (local.get $a))))) (local.get $step)) (f64.load offset=0 (local.get $scales))))
        (f64.store offset=8 (local.get $out)
          (f64.mul (f64.mul (f64.convert_i32_s (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $b)) (i32x4.extract_lane 1 (local.get $b)))
            (i32.add (i32x4.extract_lane 2 (local.get $b)) (i32x4.extract_lane 3 (local.get $b))))) (local.get $step)) (f64.load offset=8 (local.get $scales))))
        ;; $m ends where the second row starts; skip over it
        (local.set $m (i32.add (local.get $m) (local.get $stride)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $scales (i32.add (local.get $scales) (i32.const 16)))
        (br_if $each_pair (i32.gt_s (local.tee $rows (i32.sub (local.get $rows) (i32.const 2))) (i32.const 0)))))))
