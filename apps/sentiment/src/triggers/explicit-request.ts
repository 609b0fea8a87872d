export interface TriggerMatch {
  kind: 'explicit_request';
  explanation: string;
  matchedText: string;
}

// Asks for a person: a verb of wanting or reaching, then a word for a human. Accent-folded, lower case.
const humanWords =
  '(?:human|person|people|someone|somebody|agent|representative|rep|operator|advisor|adviser|staff|real person|live agent|customer service)';
const patterns: { language: string; pattern: RegExp }[] = [
  {
    language: 'en',
    pattern: new RegExp(
      `\\b(?:talk|speak|chat|connect|transfer|put|get|want|need|give|let)\\b(?:\\s+\\w+){0,4}?\\s+(?:to|with|me)?\\s*(?:a|an|the|some|your|real|actual|live)?\\s*${humanWords}\\b`,
    ),
  },
  {
    language: 'en',
    pattern: /\b(?:human|agent|operator|representative|real person)\s*(?:please|pls|now)\b/,
  },
  { language: 'en', pattern: /^\s*(?:human|agent|operator|representative)\s*[.!?]*\s*$/ },
  { language: 'en', pattern: /\bare you (?:a )?(?:bot|robot|machine)\b.*\b(?:human|person)\b/ },
  {
    language: 'es',
    pattern:
      /\b(?:hablar|comunicar|pasar|quiero|necesito)\b(?:\s+\w+){0,4}?\s+(?:con\s+)?(?:un|una|el|la)?\s*(?:humano|persona|agente|asesor|operador)\b/,
  },
  {
    language: 'fr',
    pattern:
      /\b(?:parler|discuter|passer|passez-moi|passe-moi|veux|voudrais)\b(?:\s+\w+){0,4}?\s+(?:a|avec)?\s*(?:un|une|le|la)?\s*(?:humain|personne|conseiller|agent|operateur)\b/,
  },
  {
    language: 'de',
    pattern:
      /\b(?:sprechen|reden|verbinden|mochte|will)\b(?:\s+\w+){0,4}?\s*(?:mit)?\s*(?:einem|einer|einen|ein)?\s*(?:menschen|mensch|mitarbeiter|berater|person)\b/,
  },
  {
    language: 'de',
    pattern:
      /\b(?:mit)\s+(?:einem|einer)\s+(?:menschen|mitarbeiter|berater|person)\s+(?:sprechen|reden)\b/,
  },
  {
    language: 'pt',
    pattern:
      /\b(?:falar|conversar|passar|passa|transfere|transfira|quero|preciso)\b(?:\s+\w+){0,4}?\s+(?:com\s+)?(?:um|uma|o|a)?\s*(?:humano|pessoa|atendente|agente|operador)\b/,
  },
];

// "I don't want to talk to a human" is not a request for one.
const negationBefore = /\b(?:don'?t|do not|no need to|never|no|nao|nicht)\s*$/;

function negatedBefore(folded: string, index: number): boolean {
  return negationBefore.test(folded.slice(Math.max(0, index - 20), index));
}

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** The explicit-request trigger: the customer asked for a human, in any supported language. */
export function detectExplicitRequest(text: string): TriggerMatch | null {
  const folded = fold(text);
  for (const { language, pattern } of patterns) {
    const match = pattern.exec(folded);
    if (match && !negatedBefore(folded, match.index)) {
      return {
        kind: 'explicit_request',
        explanation: `The customer asked to talk to a human (${language} phrasing).`,
        matchedText: match[0].trim().slice(0, 200),
      };
    }
  }
  return null;
}
