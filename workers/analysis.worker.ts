// Thin comlink entry: the logic lives in src/core (and src/db for storage); see src/app/analysis-client.ts.
import { expose } from 'comlink';
import { analysisApi } from '../src/app/analysis-api';

expose(analysisApi);
