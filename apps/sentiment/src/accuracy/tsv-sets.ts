import type { EvaluationSet, LabelledItem, RatedItem } from './evaluation-set.js';
import { isPolarity } from './evaluation-set.js';

/**
 * A labelled set of one's own, so that sets this repository cannot fetch (for instance in Spanish,
 * French, German or Portuguese) can be measured the same way. One item per line:
 * `language <TAB> label <TAB> text`, where the label is positive, negative or neutral for every
 * line, or a number (a mean human rating, any scale) for every line. Lines starting with # and
 * blank lines are skipped.
 */
export function parseTsvSet(content: string, name: string): EvaluationSet {
  const rated: RatedItem[] = [];
  const labelled: LabelledItem[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [language, label, ...textParts] = line.split('\t');
    const text = textParts.join('\t');
    const where = `${name}: line ${index + 1}`;
    if (!language || label === undefined || !text) {
      throw new Error(`${where} is not "language <TAB> label <TAB> text"`);
    }
    const human = Number(label);
    if (isPolarity(label)) labelled.push({ text, language, label });
    else if (label.trim() !== '' && Number.isFinite(human)) rated.push({ text, language, human });
    else throw new Error(`${where}: "${label}" is neither a class nor a number`);
    if (rated.length > 0 && labelled.length > 0) {
      throw new Error(`${where} mixes classes and ratings; a set uses one or the other`);
    }
  });
  const items = labelled.length > 0 ? labelled : rated;
  if (items.length === 0) throw new Error(`${name}: no items`);
  const language = [...new Set(items.map((item) => item.language))].join(', ');
  return labelled.length > 0
    ? { name, language, kind: 'labelled', items: labelled }
    : { name, language, kind: 'rated', items: rated };
}
