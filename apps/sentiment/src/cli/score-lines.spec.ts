import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOption, scoreLine, scoreLines } from './score-lines.js';

async function collect(lines: string[], language?: string): Promise<string[]> {
  async function* input() {
    yield* lines;
  }
  const output: string[] = [];
  for await (const line of scoreLines(input(), language)) output.push(line);
  return output;
}

describe('score lines', () => {
  it('prints sentiment, frustration and language separated by tabs', () => {
    const [sentiment, frustration, language] = scoreLine('This is TERRIBLE!!!', 'en').split('\t');
    assert.ok(Number(sentiment) < 0);
    assert.ok(Number(frustration) > 0);
    assert.equal(language, 'en');
  });

  it('answers every line in order, including empty ones', async () => {
    const output = await collect(['great, thanks', '', 'awful'], 'en');
    assert.equal(output.length, 3);
    assert.ok(Number(output[0]!.split('\t')[0]) > 0);
    assert.equal(output[1], '0\t0\ten');
    assert.ok(Number(output[2]!.split('\t')[0]) < 0);
  });

  it('uses the given language, or detects one per line', async () => {
    assert.deepEqual(
      (await collect(['Esto es inútil, quiero hablar con un agente ahora'])).map(
        (line) => line.split('\t')[2],
      ),
      ['es'],
    );
    assert.equal(scoreLine('genial', 'fr').split('\t')[2], 'fr');
  });

  it('reads the --language flag', () => {
    assert.equal(languageOption(['--language', 'de']), 'de');
    assert.equal(languageOption([]), undefined);
  });
});
