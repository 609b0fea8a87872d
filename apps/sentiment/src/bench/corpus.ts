/**
 * Generated customer-service chat messages for speed measurements: every combination of an opening,
 * a subject, an optional degree word, an opinion, a tail and an emphasis, in a fixed order. Written
 * for this repository, so they ship with it freely; they carry no human labels.
 */
const openings = ['', 'Hi, ', 'Honestly ', 'Well, ', 'OK so '];
const subjects = ['the delivery', 'your app', 'the agent', 'this bot', 'my refund', 'the invoice'];
const degrees = ['', 'really ', 'not ', 'very ', 'kind of '];
const opinions = ['great', 'useless', 'slow', 'fine', 'terrible', 'helpful', 'broken', 'AWFUL'];
const tails = [
  '',
  ' but thanks for trying',
  ' and I want a human',
  ', where is my order',
  ' :(',
  ' 😡',
  ' :)',
];
const emphases = ['', '!', '!!!', '??', '.'];

export function generatedCorpus(): string[] {
  const messages: string[] = [];
  for (const opening of openings)
    for (const subject of subjects)
      for (const degree of degrees)
        for (const opinion of opinions)
          for (const tail of tails)
            for (const emphasis of emphases)
              messages.push(`${opening}${subject} is ${degree}${opinion}${tail}${emphasis}`);
  return messages;
}
