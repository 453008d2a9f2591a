/**
 * The trained detection models, fetched from the extension's own package the first time a
 * page asks for detection, then kept for the life of the service worker (or event page). A
 * model that cannot be read is reported once and detection falls back to the rules, so a
 * broken file never leaves the reader without highlights.
 */
import { type DetectionModels, MODEL_PATHS, type ModelBytes, buildModels } from '../detect/detection-models';

export interface ModelLoadReport {
  ms: number;
  bytes: number;
}

export function modelSource(
  getURL: (path: string) => string,
  fetcher: typeof fetch = fetch,
  onLoaded?: (report: ModelLoadReport) => void,
): () => Promise<DetectionModels | undefined> {
  let loading: Promise<DetectionModels | undefined> | undefined;
  return () =>
    (loading ??= (async () => {
      const started = performance.now();
      try {
        const read = async (path: string) => {
          const response = await fetcher(getURL(`/${path}`));
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          return new Uint8Array(await response.arrayBuffer());
        };
        const files: ModelBytes = {};
        let bytes = 0;
        await Promise.all(
          (Object.entries(MODEL_PATHS) as [keyof ModelBytes, string][]).map(async ([name, path]) => {
            const data = await read(path);
            bytes += data.length;
            if (name === 'gazetteer') files.gazetteer = new TextDecoder().decode(data);
            else files[name] = data;
          }),
        );
        const models = buildModels(files);
        onLoaded?.({ ms: performance.now() - started, bytes });
        return models;
      } catch (error) {
        console.error('Claimlens: the detection models could not be loaded; using the rules.', error);
        return undefined;
      }
    })());
}
