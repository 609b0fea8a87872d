import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeValue, encodeBytes, hexDump, printableText } from './bytes.js';

describe('bytes as text', () => {
  it('are text only when valid UTF-8 without control characters', () => {
    assert.equal(printableText(Buffer.from('agent_42 ✓')), 'agent_42 ✓');
    assert.equal(printableText(Buffer.from([0x00, 0xff, 0x7b])), null);
    assert.equal(printableText(Buffer.from([0xc3])), null);
    assert.equal(printableText(Buffer.from('a\u0007b')), null);
    assert.equal(printableText(Buffer.from('line\nbreak')), null);
    assert.equal(printableText(Buffer.from('line\nbreak'), { multiline: true }), 'line\nbreak');
  });

  it('encode a key or header as text when printable, as hex otherwise', () => {
    assert.deepEqual(encodeBytes(Buffer.from('{"looks":"like json"}')), {
      encoding: 'utf8',
      text: '{"looks":"like json"}',
    });
    assert.deepEqual(encodeBytes(Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef])), {
      encoding: 'hex',
      text: 'dead00beef',
    });
    assert.deepEqual(encodeBytes('text'), { encoding: 'utf8', text: 'text' });
  });

  it('decode a value as pretty JSON, text or hex', () => {
    assert.deepEqual(decodeValue(Buffer.from('{"a":[1,2]}')), {
      encoding: 'json',
      json: { a: [1, 2] },
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
    });
    assert.deepEqual(decodeValue(Buffer.from('{not json')), {
      encoding: 'utf8',
      text: '{not json',
    });
    assert.deepEqual(decodeValue(Buffer.from([0x7b, 0xff, 0xfe, 0x00])), {
      encoding: 'hex',
      text: '7bfffe00',
    });
  });

  it('dump hex in lines of 16 bytes led by the offset', () => {
    assert.deepEqual(hexDump(Buffer.from([...Array(18).keys()])), [
      '00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f',
      '00000010  10 11',
    ]);
  });
});
