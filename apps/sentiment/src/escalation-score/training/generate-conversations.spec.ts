import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { supportedLanguages } from '../../scoring/languages.js';
import { conversationKinds } from './conversation-scripts.js';
import { customerTurns, generateConversations } from './generate-conversations.js';
import { turnExamples } from './replay.js';

describe('generateConversations', () => {
  const conversations = generateConversations(400, 7);

  it('gives the same conversations for the same seed and others for another', () => {
    assert.deepEqual(generateConversations(400, 7), conversations);
    assert.notDeepEqual(generateConversations(400, 8), conversations);
  });

  it('covers every language and kind of conversation', () => {
    assert.deepEqual(
      new Set(conversations.map((conversation) => conversation.language)),
      new Set(supportedLanguages),
    );
    assert.deepEqual(
      new Set(conversations.map((conversation) => conversation.kind)),
      new Set(Object.keys(conversationKinds)),
    );
  });

  it('labels a needs-human turn within the conversation, and only when it needs one', () => {
    const needing = conversations.filter((conversation) => conversation.needsHuman);
    assert.ok(needing.length > 100 && needing.length < 300, `${needing.length} need a human`);
    for (const conversation of conversations) {
      const turns = customerTurns(conversation.transcript);
      if (!conversation.needsHuman) assert.equal(conversation.needsHumanFrom, undefined);
      else assert.ok(conversation.needsHumanFrom! >= 1 && conversation.needsHumanFrom! <= turns);
    }
  });

  it('writes transcripts a bot platform could send: customer first, bot answers with what it read', () => {
    for (const { transcript, id } of conversations) {
      assert.equal(transcript[0]!.sender, 'customer');
      transcript.forEach((message, i) => {
        assert.equal(message.messageId, `${id}-m${i}`);
        assert.ok(message.text.trim().length > 0);
        assert.ok(i === 0 || Date.parse(message.at!) > Date.parse(transcript[i - 1]!.at!));
        if (message.sender === 'customer') return;
        assert.ok(message.confidence! >= 0 && message.confidence! <= 1);
        if (message.fallback) assert.ok(message.intent === undefined && message.confidence! < 0.5);
        else assert.match(message.intent!, /^[a-z_]+$/);
      });
    }
  });

  it('puts the need for a human after the turns that show it, e.g. repeated fallbacks', () => {
    const failing = conversations.filter(
      (conversation) => conversation.kind === 'botFailing' && conversation.needsHuman,
    );
    assert.ok(failing.length > 0);
    for (const conversation of failing) {
      const examples = turnExamples(conversation);
      assert.equal(examples.length, customerTurns(conversation.transcript));
      const positives = examples
        .filter((example) => example.positive)
        .map((example) => example.turn);
      assert.equal(positives[0], conversation.needsHumanFrom);
      assert.equal(positives.at(-1), examples.length, 'positive to the end once needed');
    }
  });
});
