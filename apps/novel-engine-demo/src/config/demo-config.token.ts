/** Injection token of the DemoConfig. */
export const DEMO_CONFIG = Symbol('novel-engine-demo.config');
