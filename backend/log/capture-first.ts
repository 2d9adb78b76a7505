// Imported first by main.ts, so that output captured before any dependency module runs.
import { captureProcessOutput } from './capture-output';

captureProcessOutput();
