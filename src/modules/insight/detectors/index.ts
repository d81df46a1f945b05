export * from './detector';
export * from './detectors.registry';
export { zscoreDetector, ZScoreDetector } from './zscore.detector';
export type { ZScoreParams } from './zscore.detector';
export { ewmaDetector, EwmaDetector } from './ewma.detector';
export type { EwmaParams } from './ewma.detector';
export { robustDetector, RobustDetector, MAD_SCALE } from './robust.detector';
export type { RobustParams } from './robust.detector';
