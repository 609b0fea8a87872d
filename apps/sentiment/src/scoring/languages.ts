import { phraseList, type PhraseList } from './phrases.js';

/** Languages the scorer has a lexicon for; anything else is scored with English. */
export const supportedLanguages = ['en', 'es', 'fr', 'de', 'pt'] as const;
export type Language = (typeof supportedLanguages)[number];

/** Reduces a BCP 47 tag such as "pt-BR" to a supported language, or undefined. */
export function toSupportedLanguage(tag: string | undefined): Language | undefined {
  const primary = tag?.toLowerCase().split(/[-_]/)[0];
  return supportedLanguages.find((language) => language === primary);
}

/**
 * Grammar words the rules react to. These are closed-class function words (negators, degree
 * adverbs, contrast conjunctions), not opinion words: opinion valences come from the lexicons.
 * Keys are lower-case and accent-folded, like the tokens they are compared with.
 */
export interface GrammarWords {
  negations: ReadonlySet<string>;
  /** Degree words: positive values strengthen the next opinion word, negative ones soften it. */
  boosters: ReadonlyMap<string, number>;
  /** Words after which comes what the writer stresses ("but"): it outweighs what came before. */
  contrasts: ReadonlySet<string>;
  /** Every word above: most tokens are none of them, which one lookup tells. */
  all: ReadonlySet<string>;
  /** Degree phrases ("kind of"), which are boosters as a whole. */
  phrases: PhraseList;
  /**
   * Gender and number endings, each with the ending of the form word lists hold ("buenas" is
   * read as "bueno"), tried in order on words the lexicon lacks. English needs none: its list
   * holds the forms people write.
   */
  inflections: ReadonlyArray<readonly [ending: string, listedEnding: string]>;
}

type Inflections = GrammarWords['inflections'];

// Spanish and Portuguese adjectives and nouns: -a/-as/-os to -o, plural -s and -es dropped.
const iberianInflections: Inflections = [
  ['as', 'o'],
  ['as', 'a'],
  ['os', 'o'],
  ['es', 'e'],
  ['es', ''],
  ['a', 'o'],
  ['s', ''],
];
// French feminine and plural: -euse to -eux, -ive to -if, -nne to -n, -lle to -l, then -e, -s, -x.
const frenchInflections: Inflections = [
  ['euses', 'eux'],
  ['euse', 'eux'],
  ['ives', 'if'],
  ['ive', 'if'],
  ['nnes', 'n'],
  ['nne', 'n'],
  ['lles', 'l'],
  ['lle', 'l'],
  ['es', 'e'],
  ['es', ''],
  ['e', ''],
  ['s', ''],
  ['x', ''],
];
// German adjective endings after the stem: gute, guten, guter, gutes, gutem.
const germanInflections: Inflections = [
  ['en', ''],
  ['em', ''],
  ['er', ''],
  ['es', ''],
  ['e', ''],
];

/** How much one degree word strengthens (or softens) the opinion word it modifies, as in VADER. */
export const degreeStep = 0.293;

function grammar(
  negations: string[],
  stronger: string[],
  weaker: string[],
  contrasts: string[],
  inflections: Inflections = [],
): GrammarWords {
  const boosters = new Map<string, number>();
  for (const word of stronger) boosters.set(word, degreeStep);
  for (const word of weaker) boosters.set(word, -degreeStep);
  const all = new Set([...negations, ...boosters.keys(), ...contrasts]);
  return {
    negations: new Set(negations),
    boosters,
    contrasts: new Set(contrasts),
    all,
    phrases: phraseList(boosters.keys()),
    inflections,
  };
}

export const grammarWords: Record<Language, GrammarWords> = {
  en: grammar(
    [
      'not',
      'no',
      'never',
      'nothing',
      'nobody',
      'none',
      'nowhere',
      'neither',
      'nor',
      'nope',
      'uhuh',
      'without',
      'despite',
      'rarely',
      'seldom',
      'cannot',
      // Contractions typed without the apostrophe; with it, any word ending in "n't" negates.
      'aint',
      'arent',
      'cant',
      'couldnt',
      'darent',
      'didnt',
      'doesnt',
      'dont',
      'hadnt',
      'hasnt',
      'havent',
      'isnt',
      'mightnt',
      'mustnt',
      'neednt',
      'oughtnt',
      'shant',
      'shouldnt',
      'wasnt',
      'werent',
      'wont',
      'wouldnt',
    ],
    [
      'very',
      'really',
      'extremely',
      'so',
      'totally',
      'absolutely',
      'completely',
      'entirely',
      'fully',
      'thoroughly',
      'incredibly',
      'unbelievably',
      'amazingly',
      'remarkably',
      'exceptionally',
      'especially',
      'particularly',
      'unusually',
      'decidedly',
      // Certainty stresses what follows; neither "without" nor "no" negates here, nor is "doubt" an opinion.
      'without doubt',
      'without a doubt',
      'no doubt',
      'deeply',
      'greatly',
      'hugely',
      'enormously',
      'tremendously',
      'considerably',
      'substantially',
      'intensely',
      'majorly',
      'awfully',
      'purely',
      'quite',
      // The adverb ("pretty bad"); before no opinion word it keeps the adjective's rating ("so pretty").
      'pretty',
      'more',
      'most',
      'highly',
      'utterly',
      'super',
      'too',
      'such',
      'uber',
      'hella',
      'fucking',
      'freaking',
      'frigging',
      'friggin',
      'fricking',
      'frickin',
      'flipping',
      'flippin',
      'fabulously',
      'effing',
    ],
    [
      'slightly',
      'somewhat',
      'barely',
      'hardly',
      'scarcely',
      'almost',
      'less',
      'little',
      'partly',
      'marginally',
      'occasionally',
      'kinda',
      'sorta',
      'kindof',
      'sortof',
      // Read as one word where the two stand together: "kind" alone is praise.
      'kind of',
      'sort of',
      'just enough',
    ],
    // Not "although" or "though": what follows them is the concession, not what the writer stresses.
    ['but', 'however'],
  ),
  es: grammar(
    [
      'no',
      'nunca',
      'jamas',
      'nada',
      'nadie',
      'ni',
      'tampoco',
      'sin',
      'ningun',
      'ninguno',
      'ninguna',
    ],
    [
      'muy',
      'muchisimo',
      'tan',
      'totalmente',
      'completamente',
      'realmente',
      'demasiado',
      'sumamente',
      'extremadamente',
      'bastante',
    ],
    ['poco', 'algo', 'apenas', 'ligeramente'],
    ['pero', 'sino'],
    iberianInflections,
  ),
  fr: grammar(
    ['pas', 'ne', 'jamais', 'rien', 'personne', 'aucun', 'aucune', 'sans', 'ni', 'non'],
    [
      'tres',
      'vraiment',
      'trop',
      'totalement',
      'completement',
      'extremement',
      'tellement',
      'si',
      'absolument',
    ],
    ['peu', 'legerement', 'assez', 'plutot', 'guere'],
    ['mais', 'pourtant', 'cependant'],
    frenchInflections,
  ),
  de: grammar(
    [
      'nicht',
      'kein',
      'keine',
      'keinen',
      'keinem',
      'keiner',
      'nie',
      'niemals',
      'nichts',
      'niemand',
      'ohne',
      'weder',
    ],
    [
      'sehr',
      'wirklich',
      'total',
      'voll',
      'extrem',
      'absolut',
      'echt',
      'so',
      'zu',
      'ganz',
      'richtig',
      'vollig',
    ],
    ['etwas', 'kaum', 'bisschen', 'wenig', 'ziemlich'],
    ['aber', 'jedoch', 'sondern', 'trotzdem'],
    germanInflections,
  ),
  pt: grammar(
    ['nao', 'nunca', 'jamais', 'nada', 'ninguem', 'nem', 'sem', 'nenhum', 'nenhuma'],
    [
      'muito',
      'muita',
      'tao',
      'totalmente',
      'completamente',
      'realmente',
      'demais',
      'extremamente',
      'bem',
      'bastante',
    ],
    ['pouco', 'meio', 'ligeiramente', 'quase'],
    ['mas', 'porem', 'contudo', 'entretanto'],
    iberianInflections,
  ),
};
