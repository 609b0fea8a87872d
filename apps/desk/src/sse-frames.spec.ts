import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SseFrames } from './sse-frames.js';

describe('SseFrames', () => {
  it('cuts events at blank lines, whatever chunks the network delivers', () => {
    const text =
      'id: a-1-5\nevent: handoff.routing.decided\ndata: {"x":1}\n\nid: a-2-6\nevent: t\ndata: {}\n\n';
    for (const size of [1, 3, 7, text.length]) {
      const cutter = new SseFrames();
      const frames = [];
      for (let at = 0; at < text.length; at += size)
        frames.push(...cutter.push(text.slice(at, at + size)));
      assert.deepEqual(
        frames,
        [
          { id: 'a-1-5', type: 'handoff.routing.decided', data: '{"x":1}' },
          { id: 'a-2-6', type: 't', data: '{}' },
        ],
        `chunks of ${size}`,
      );
    }
  });

  it('drops heartbeats and other comments, and keeps an event without an id (reset)', () => {
    const cutter = new SseFrames();
    assert.deepEqual(cutter.push(': connected\n\n: heartbeat\n\n'), []);
    assert.deepEqual(cutter.push('event: reset\ndata: {"reason":"too old"}\n\n'), [
      { type: 'reset', data: '{"reason":"too old"}' },
    ]);
  });

  it('joins data lines, reads CRLF line ends, and holds an unfinished event back', () => {
    const cutter = new SseFrames();
    assert.deepEqual(cutter.push('data: one\r\ndata: two\r\n\r\ndata: three\n'), [
      { type: 'message', data: 'one\ntwo' },
    ]);
    assert.deepEqual(cutter.push('\n'), [{ type: 'message', data: 'three' }]);

    const crlf = new SseFrames();
    const split = 'data: four\r\n\r\n'.split('').flatMap((character) => crlf.push(character));
    assert.deepEqual(
      split,
      [{ type: 'message', data: 'four' }],
      'a CRLF cut in two is one line end',
    );
  });
});
