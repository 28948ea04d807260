/**
 * A worker thread of the pipeline: indexes the pages it is sent (parse, split, classify) so large
 * inputs use every core. Messages: { index, file, content, options } -> { index, records, warnings }.
 */
import { parentPort } from 'node:worker_threads';
import { oktaProfile } from './profiles/okta.ts';
import { recordsOfSource } from './records.ts';
import type { ChangefindConfig } from './config.ts';

export interface WorkerRequest {
  index: number;
  file: string;
  content: string;
  config: ChangefindConfig;
  baseUrl?: string;
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    const result = recordsOfSource(request.file, request.content, {
      profile: oktaProfile,
      config: request.config,
      ...(request.baseUrl ? { baseUrl: request.baseUrl } : {}),
    });
    parentPort?.postMessage({ index: request.index, ...result });
  } catch (error) {
    parentPort?.postMessage({ index: request.index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
