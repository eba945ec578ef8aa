/** The worker-thread entry of `mnc sweep --jobs N`: answers SweepJobs with runSweepJob. */
import { serveJobs } from '../parallel/serveJobs.js';
import { runSweepJob } from './runSweepJob.js';
import { applyStateBackendFromEnv } from './stateBackend.js';

applyStateBackendFromEnv();

serveJobs(runSweepJob);
