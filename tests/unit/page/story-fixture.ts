/** Shared by the article tests: test markup into a happy-dom document, and a story's prose. */
import { Window } from 'happy-dom';

/** Parses test markup (written here, not page text) into its own document, scripts off. */
export function parse(html: string, url = 'https://news.example/world/2026/11/23/talks-resume'): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

// Prose long enough to be a story: six paragraphs, about 240 words, each with a marker word.
export const STORY = [
  'Officials in Geneva said on Monday that the talks on the river treaty would resume next week, after a pause of nearly two months that had worried farmers, shipping firms and the towns along its banks.',
  'Maria Okafor, who chairs the negotiating committee, told reporters that both delegations had agreed on a timetable, although several technical questions about water levels and dredging remained open for now.',
  'The previous round ended without a statement, and diplomats from three countries described the mood at the time as tense, with each side accusing the other of moving the goalposts at the last minute.',
  'According to the committee, engineers will present fresh measurements from the upper basin, where the dry summer left some channels too shallow for the barges that carry most of the region’s grain.',
  'Farmers’ groups welcomed the news but warned that a deal would mean little without money for repairs, and a spokesman for the shipping association said its members needed certainty before the spring season.',
  'The ministers are expected to meet in person at the end of the month, Okafor said, adding that she was cautiously optimistic that the remaining differences could be settled before the winter floods arrive.',
];
