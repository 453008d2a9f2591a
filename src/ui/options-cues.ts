/**
 * The options page's claim cues: words and phrases the reader adds, built-in cues they turn
 * off, and a reset. Stored in `storage.local`; the background re-reads them and open tabs
 * detect again at once.
 */
import { cueAt } from '../detect/cues';
import { CUE_LIMITS, type CueEdits, cueProblem, cueWords, normaliseCue, readCueEdits, type SpeakerSide } from '../detect/reader-cues';
import { CUES_KEY } from '../settings';
import { button, el } from './dom';
import type { OptionsStorage } from './options';

/** Whether Claimlens itself uses this word or phrase as a cue (so turning it off changes something). */
export function isBuiltInCue(text: string): boolean {
  const words = cueWords(text);
  const hit = words.length ? cueAt(words, 0) : null;
  return hit !== null && hit.last === words.length;
}

export function withAddedCue(edits: CueEdits, text: string, speaker: SpeakerSide): CueEdits {
  const cue = normaliseCue(text);
  return { added: [...edits.added.filter((c) => c.text !== cue), { text: cue, speaker }], removed: edits.removed };
}

export function withRemovedCue(edits: CueEdits, text: string): CueEdits {
  const cue = normaliseCue(text);
  return { added: edits.added, removed: [...edits.removed.filter((c) => c !== cue), cue] };
}

export async function startCueOptions(doc: Document, storage: OptionsStorage, say: (message: string) => void): Promise<void> {
  let edits = readCueEdits((await storage.get(CUES_KEY))[CUES_KEY]);
  const list = doc.getElementById('cue-list') as HTMLUListElement;
  const form = doc.getElementById('cue-form') as HTMLFormElement;
  const textInput = doc.getElementById('cue-text') as HTMLInputElement;
  const speakerSelect = doc.getElementById('cue-speaker') as HTMLSelectElement;
  const removeForm = doc.getElementById('cue-remove-form') as HTMLFormElement;
  const removeInput = doc.getElementById('cue-remove') as HTMLInputElement;

  const save = async (next: CueEdits, message: string) => {
    edits = next;
    await storage.set({ [CUES_KEY]: next });
    render();
    say(message);
  };

  function render() {
    const added = edits.added.map((cue) => {
      const item = el(doc, 'li');
      const remove = button(doc, 'Remove', 'secondary');
      remove.setAttribute('aria-label', `Remove the cue “${cue.text}”`);
      remove.addEventListener('click', () =>
        void save({ ...edits, added: edits.added.filter((c) => c !== cue) }, `“${cue.text}” is no longer a cue; open tabs look again now.`),
      );
      const who = cue.speaker === 'after' ? 'speaker named after it' : 'speaker named before it';
      item.append(el(doc, 'strong', undefined, cue.text), el(doc, 'span', 'hint', ` added · ${who} `), remove);
      return item;
    });
    const removed = edits.removed.map((text) => {
      const item = el(doc, 'li');
      const restore = button(doc, 'Use again', 'secondary');
      restore.setAttribute('aria-label', `Use the built-in cue “${text}” again`);
      restore.addEventListener('click', () =>
        void save({ ...edits, removed: edits.removed.filter((c) => c !== text) }, `“${text}” is a cue again; open tabs look again now.`),
      );
      item.append(el(doc, 's', undefined, text), el(doc, 'span', 'hint', ' built-in, turned off '), restore);
      return item;
    });
    const items = [...added, ...removed];
    list.replaceChildren(...(items.length ? items : [el(doc, 'li', 'hint', 'You have not changed the cues: Claimlens uses its built-in verbs of saying and “according to”.')]));
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = cueProblem(textInput.value);
    if (problem) {
      say(`The cue was not added: ${problem}`);
      textInput.focus();
      return;
    }
    const text = normaliseCue(textInput.value);
    if (edits.added.length >= CUE_LIMITS.count && !edits.added.some((c) => c.text === text)) {
      say(`The cue was not added: you have ${CUE_LIMITS.count} cues, the most Claimlens keeps. Remove one first.`);
      return;
    }
    textInput.value = '';
    const where = speakerSelect.value === 'after' ? 'after' : 'before';
    void save(withAddedCue(edits, text, where), `“${text}” is now a claim cue; open tabs look for it now.`);
  });

  removeForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = cueProblem(removeInput.value);
    if (problem) {
      say(`Nothing was turned off: ${problem}`);
      removeInput.focus();
      return;
    }
    const text = normaliseCue(removeInput.value);
    if (!isBuiltInCue(text)) {
      say(`“${text}” is not one of Claimlens’s cues, so nothing was turned off. Type it as it appears in articles, such as “claimed”.`);
      removeInput.focus();
      return;
    }
    removeInput.value = '';
    void save(withRemovedCue(edits, text), `“${text}” is turned off in all its forms; open tabs look again now.`);
  });

  (doc.getElementById('reset-cues') as HTMLButtonElement).addEventListener('click', () => {
    if (edits.added.length + edits.removed.length === 0) {
      say('The cues are already the defaults.');
      return;
    }
    void save({ added: [], removed: [] }, 'The cues are back to their defaults.');
  });

  render();
}
