/**
 * @ztwin/example-zcee-attls-lab — the seed lab (z/OS Connect EE API requester security with
 * AT-TLS) as code: `runLab` builds and predicts every step, `formatLabReport` prints the table.
 */
export * from './report';
export * from './scenarios';
export * from './lab';
export * from './format';
export * from './main-lib';
