import { isFiniteNumber, RollingWindow } from './rolling-window';

export interface LinearPredictorState {
  mean: number;
  weight: number;
  /** Forgetting averages of the regressors' products (1 and the centred lags), row-major, and of their products with the next centred value. */
  gram: number[];
  cross: number[];
  intercept: number;
  coefficients: number[];
  lags: number[];
  sinceFit: number;
}

/**
 * One-step-ahead linear prediction of a series from its last `order` values (an autoregression
 * with an intercept), fitted by exponentially forgetting least squares: the regressors' second
 * moments are kept as forgetting averages and the normal equations solved (Cholesky, with a
 * tiny ridge so a series that does not move still solves) every `refit` points. Values are
 * centred on a forgetting mean first, which keeps the equations well conditioned whatever the
 * series' level.
 *
 * What it leaves over, the innovation, is what the past did not foretell: a wandering series
 * (AR(1), the moving sum a `rate()` is) or one riding a smooth cycle predicts most of its next
 * value from its last few, so a spike or a burst of noise stands out against the innovations'
 * small spread where it hides in the series' own wide one.
 *
 * Per point: O(order^2) for the moments, O(order^3) per refit. State: O(order^2) numbers.
 */
export class LinearPredictor {
  private mean = 0;
  private weight = 0;
  private readonly dim: number;
  private readonly gram: Float64Array;
  private readonly cross: Float64Array;
  private readonly u: Float64Array;
  private intercept = 0;
  private coefficients: Float64Array;
  /** The last `order` values, oldest first. */
  private readonly lags: RollingWindow;
  private sinceFit = 0;
  private readonly forget: number;

  constructor(
    readonly order: number,
    memory: number,
    private readonly refit: number,
  ) {
    this.dim = order + 1;
    this.gram = new Float64Array(this.dim * this.dim);
    this.cross = new Float64Array(this.dim);
    this.u = new Float64Array(this.dim);
    this.coefficients = new Float64Array(order);
    this.lags = new RollingWindow(order);
    this.forget = 1 - 1 / memory;
  }

  /** Whether a prediction can be made: the lags are there and the fit has seen a few times as many points as it has coefficients. */
  get ready(): boolean {
    return this.lags.full && this.weight >= 4 * this.dim;
  }

  /** The prediction of the next value (call only when ready). */
  predict(): number {
    const n = this.lags.size;
    let y = this.mean + this.intercept;
    // lags are oldest first: the last is lag 1
    for (let k = 0; k < this.order; k++) y += this.coefficients[k] * (this.lags.at(n - 1 - k) - this.mean);
    return y;
  }

  /** Learns x as the next value. */
  add(x: number): void {
    this.weight = this.weight * this.forget + 1;
    this.mean += (x - this.mean) / this.weight;
    const n = this.lags.size;
    if (n >= this.order) {
      const { u, dim, gram, cross } = this;
      const rate = 1 / this.weight;
      const d = x - this.mean;
      u[0] = 1;
      for (let k = 1; k < dim; k++) u[k] = this.lags.at(n - k) - this.mean;
      for (let i = 0; i < dim; i++) {
        cross[i] += rate * (u[i] * d - cross[i]);
        for (let j = 0; j <= i; j++) gram[i * dim + j] += rate * (u[i] * u[j] - gram[i * dim + j]);
      }
    }
    this.lags.push(x);
    if (++this.sinceFit >= this.refit) {
      this.sinceFit = 0;
      this.fit();
    }
  }

  /** Forgets the lags (after a gap in the data): predictions resume once they have filled again. */
  breakSequence(): void {
    this.lags.clear();
  }

  /** Solves the normal equations; keeps the previous fit if they cannot be solved. */
  private fit(): void {
    const { dim, gram: g } = this;
    let trace = 0;
    for (let i = 1; i < dim; i++) trace += g[i * dim + i];
    const ridge = 1e-6 * (trace / this.order) + 1e-300;
    // Cholesky factor L of (gram + ridge), lower triangle; then L y = cross, L' b = y
    const l = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = g[i * dim + j] + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) sum -= l[i * dim + k] * l[j * dim + k];
        if (i === j) {
          if (!(sum > 0)) return;
          l[i * dim + i] = Math.sqrt(sum);
        } else l[i * dim + j] = sum / l[j * dim + j];
      }
    }
    const y = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      let sum = this.cross[i];
      for (let k = 0; k < i; k++) sum -= l[i * dim + k] * y[k];
      y[i] = sum / l[i * dim + i];
    }
    const b = new Float64Array(dim);
    for (let i = dim - 1; i >= 0; i--) {
      let sum = y[i];
      for (let k = i + 1; k < dim; k++) sum -= l[k * dim + i] * b[k];
      b[i] = sum / l[i * dim + i];
    }
    if (!b.every(Number.isFinite)) return;
    this.intercept = b[0];
    this.coefficients = b.slice(1);
  }

  snapshot(): LinearPredictorState {
    return {
      mean: this.mean,
      weight: this.weight,
      gram: [...this.gram],
      cross: [...this.cross],
      intercept: this.intercept,
      coefficients: [...this.coefficients],
      lags: this.lags.values(),
      sinceFit: this.sinceFit,
    };
  }

  static restore(order: number, memory: number, refit: number, s: LinearPredictorState): LinearPredictor {
    const ok = (a: unknown, n?: number): a is number[] => Array.isArray(a) && (n === undefined || a.length === n) && a.every(isFiniteNumber);
    const dim = order + 1;
    if (
      !s ||
      ![s.mean, s.weight, s.intercept, s.sinceFit].every(isFiniteNumber) ||
      !ok(s.gram, dim * dim) ||
      !ok(s.cross, dim) ||
      !ok(s.coefficients, order) ||
      !ok(s.lags)
    ) {
      throw new Error('linear predictor');
    }
    const lp = new LinearPredictor(order, memory, refit);
    lp.mean = s.mean;
    lp.weight = s.weight;
    lp.gram.set(s.gram);
    lp.cross.set(s.cross);
    lp.intercept = s.intercept;
    lp.coefficients = Float64Array.from(s.coefficients);
    for (const v of s.lags.slice(-order)) lp.lags.push(v);
    lp.sinceFit = s.sinceFit;
    return lp;
  }
}
