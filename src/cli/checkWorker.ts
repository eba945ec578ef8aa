/** The worker-thread entry of `mnc check --jobs N`: answers CheckJobs with runCheckJob. */
import { serveJobs } from '../parallel/serveJobs.js';
import { runCheckJob } from './runCheckJob.js';
import { applyStateBackendFromEnv } from './stateBackend.js';

applyStateBackendFromEnv();

serveJobs(runCheckJob);
