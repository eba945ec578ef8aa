/** The worker-thread entry of the parallel prefilter: answers path chunks with prefilterFiles. */
import { serveJobs } from '../parallel/serveJobs.js';
import { prefilterFiles } from './prefilterFiles.js';
import type { PrefilterJob } from './prefilterParallel.js';

serveJobs((job: PrefilterJob) => prefilterFiles(job.paths, job.needle, job.maxBytes));
