import type { PhraseBank } from './phrase-bank.js';

export const english: PhraseBank = {
  greetings: ['Hi', 'Hello', 'Hey there', 'Good morning'],
  topics: {
    delivery: {
      ask: [
        'where is my order? it was supposed to arrive on monday',
        'my parcel has not arrived yet, can you check the tracking',
        'when will my package be delivered',
      ],
      rephrase: [
        'I need to know where my order is',
        'the tracking page shows nothing for my parcel',
        'has my package even been shipped',
      ],
      answer: [
        'Your order is on its way and should arrive within 2 business days.',
        'You can follow your parcel on the tracking page under My orders.',
        'Orders leave our warehouse within 24 hours of payment.',
      ],
    },
    refund: {
      ask: [
        'I returned the shoes two weeks ago and still have no refund',
        'how do I get my money back for a cancelled order',
        'can I get a refund for the item I sent back',
      ],
      rephrase: [
        'when will the refund reach my card',
        'I want the money for my return',
        'the refund for my return is missing',
      ],
      answer: [
        'Refunds reach your card 5 to 7 days after we receive the return.',
        'You can request a refund from the Returns section of your account.',
        'Refunds go back to the card you paid with.',
      ],
    },
    login: {
      ask: [
        'I cannot log in to my account',
        'the password reset email never arrives',
        'my account is locked after too many attempts',
      ],
      rephrase: [
        'I still cannot get into my account',
        'the login page keeps rejecting my password',
        'how do I unlock my account',
      ],
      answer: [
        'You can reset your password with the Forgot password link on the sign in page.',
        'Accounts unlock automatically 30 minutes after the last attempt.',
        'For security, sign-in links expire after 15 minutes.',
      ],
    },
    plan: {
      ask: [
        'how do I switch to the yearly plan',
        'I want to downgrade my subscription',
        'can I change my plan in the middle of the month',
      ],
      rephrase: [
        'I just want a cheaper plan',
        'where do I change my subscription',
        'please move me to another plan',
      ],
      answer: [
        'You can change your plan any time under Settings, then Subscription.',
        'A plan change takes effect at the start of your next billing period.',
        'The yearly plan costs the same as ten monthly payments.',
      ],
    },
  },
  followUp: [
    'and how long does that take?',
    'ok, and what do I need for that?',
    'is there anything else I should do?',
    'where do I find that exactly?',
  ],
  okay: ['ok', 'I see', 'alright', 'got it'],
  thanks: [
    'Thanks, that solved it!',
    'Great, thank you so much',
    'perfect, that helps, thanks',
    'Awesome, all good now. Thank you!',
  ],
  annoyed: [
    'that is not what I asked',
    'this is not helpful',
    'I already told you that, this is annoying',
    'no, that does not answer my question',
  ],
  frustrated: [
    'this is useless, you are wasting my time',
    'this is ridiculous, nothing works',
    'terrible service, I am so fed up with this',
    'I am really angry, this bot is hopeless',
  ],
  sarcastic: [
    'great, just great, another useless answer',
    'wow, very helpful. not',
    'oh wonderful, the same answer again',
  ],
  vent: [
    'honestly this delay is terrible, I am upset',
    'I am annoyed that this happened at all',
    'bad week, and now this problem too',
  ],
  insist: [
    'sorry, but that still does not cover my case',
    'I understand, but my situation is different',
    'thanks, but I need something else',
  ],
  askHuman: [
    'can I talk to a human please',
    'I want to speak to a real person',
    'connect me with an agent',
  ],
  again: ['again:', 'as I said,', 'once more,', 'I asked:'],
  bot: {
    clarify: [
      'Could you tell me your order number?',
      'Can you give me a few more details?',
      'Which account or order is this about?',
    ],
    fallback: [
      "Sorry, I didn't understand that. Could you rephrase?",
      "I'm not sure I follow. Can you say it another way?",
      'Sorry, I did not get that.',
    ],
    closing: ['Glad I could help! Anything else?', 'You are welcome. Have a nice day!'],
  },
};
