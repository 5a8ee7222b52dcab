/** What `tipwb --version` prints and what a case file names as its generator. */
export const CLI_VERSION = '0.1.0';
export const CLI_GENERATOR = `tipwb ${CLI_VERSION}`;
