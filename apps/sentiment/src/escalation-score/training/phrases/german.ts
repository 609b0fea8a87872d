import type { PhraseBank } from './phrase-bank.js';

export const german: PhraseBank = {
  greetings: ['Hallo', 'Guten Tag', 'Hi', 'Guten Morgen'],
  topics: {
    delivery: {
      ask: [
        'wo ist meine Bestellung? sie sollte am Montag kommen',
        'mein Paket ist noch nicht da, können Sie die Sendung prüfen',
        'wann wird mein Paket geliefert',
      ],
      rephrase: [
        'ich muss wissen, wo meine Bestellung ist',
        'die Sendungsverfolgung zeigt nichts zu meinem Paket',
        'wurde mein Paket überhaupt verschickt',
      ],
      answer: [
        'Ihre Bestellung ist unterwegs und kommt in 2 Werktagen an.',
        'Sie können Ihr Paket unter Meine Bestellungen verfolgen.',
        'Bestellungen verlassen unser Lager innerhalb von 24 Stunden nach der Zahlung.',
      ],
    },
    refund: {
      ask: [
        'ich habe die Schuhe vor zwei Wochen zurückgeschickt und noch kein Geld bekommen',
        'wie bekomme ich mein Geld für eine stornierte Bestellung zurück',
        'bekomme ich eine Erstattung für den zurückgeschickten Artikel',
      ],
      rephrase: [
        'wann kommt die Erstattung auf meine Karte',
        'ich will das Geld für meine Rücksendung',
        'die Erstattung für meine Rücksendung fehlt',
      ],
      answer: [
        'Die Erstattung kommt 5 bis 7 Tage nach Eingang der Rücksendung auf Ihre Karte.',
        'Sie können die Erstattung im Bereich Rücksendungen Ihres Kontos anfordern.',
        'Die Erstattung geht auf die Karte, mit der Sie bezahlt haben.',
      ],
    },
    login: {
      ask: [
        'ich kann mich nicht in mein Konto einloggen',
        'die E-Mail zum Zurücksetzen des Passworts kommt nie an',
        'mein Konto ist nach zu vielen Versuchen gesperrt',
      ],
      rephrase: [
        'ich komme immer noch nicht in mein Konto',
        'die Anmeldeseite lehnt mein Passwort ab',
        'wie entsperre ich mein Konto',
      ],
      answer: [
        'Sie können Ihr Passwort über den Link Passwort vergessen zurücksetzen.',
        'Das Konto wird 30 Minuten nach dem letzten Versuch automatisch entsperrt.',
        'Aus Sicherheitsgründen laufen Anmeldelinks nach 15 Minuten ab.',
      ],
    },
    plan: {
      ask: [
        'wie wechsle ich zum Jahrestarif',
        'ich möchte mein Abo herabstufen',
        'kann ich den Tarif mitten im Monat ändern',
      ],
      rephrase: [
        'ich will einfach einen günstigeren Tarif',
        'wo ändere ich mein Abo',
        'bitte stellen Sie mich auf einen anderen Tarif um',
      ],
      answer: [
        'Sie können den Tarif jederzeit unter Einstellungen, dann Abo ändern.',
        'Ein Tarifwechsel gilt ab dem nächsten Abrechnungszeitraum.',
        'Der Jahrestarif kostet so viel wie zehn Monate.',
      ],
    },
  },
  followUp: [
    'und wie lange dauert das?',
    'ok, und was brauche ich dafür?',
    'muss ich sonst noch etwas tun?',
    'wo finde ich das genau?',
  ],
  okay: ['ok', 'verstehe', 'alles klar', 'gut'],
  thanks: [
    'Danke, das hat mein Problem gelöst!',
    'Super, vielen Dank',
    'perfekt, das hilft, danke',
    'Toll, jetzt ist alles gut. Danke!',
  ],
  annoyed: [
    'das habe ich nicht gefragt',
    'das ist nicht hilfreich, ich bin genervt',
    'das habe ich schon gesagt, das ist ärgerlich',
    'nein, das beantwortet meine Frage nicht',
  ],
  frustrated: [
    'das ist nutzlos, Sie verschwenden meine Zeit',
    'das ist lächerlich, nichts funktioniert',
    'der Service ist schrecklich, ich habe die Nase voll',
    'ich bin wirklich wütend, dieser Bot ist hoffnungslos',
  ],
  sarcastic: [
    'toll, wieder eine nutzlose Antwort',
    'wow, sehr hilfreich. nicht',
    'wunderbar, dieselbe Antwort schon wieder',
  ],
  vent: [
    'ehrlich gesagt ist diese Verspätung schlimm, ich bin verärgert',
    'es ärgert mich, dass das passiert ist',
    'schlechte Woche, und jetzt auch noch dieses Problem',
  ],
  insist: [
    'entschuldigung, aber das passt nicht zu meinem Fall',
    'ich verstehe, aber bei mir ist es anders',
    'danke, aber ich brauche etwas anderes',
  ],
  askHuman: [
    'ich möchte mit einem Menschen sprechen',
    'verbinden Sie mich bitte mit einem Mitarbeiter',
    'kann ich mit einer Person reden',
  ],
  again: ['nochmal:', 'wie gesagt,', 'ich wiederhole,', 'ich fragte:'],
  bot: {
    clarify: [
      'Können Sie mir Ihre Bestellnummer nennen?',
      'Können Sie mir mehr Details geben?',
      'Um welches Konto oder welche Bestellung geht es?',
    ],
    fallback: [
      'Entschuldigung, das habe ich nicht verstanden. Können Sie es anders formulieren?',
      'Ich bin nicht sicher, ob ich Sie verstehe. Sagen Sie es bitte anders?',
      'Entschuldigung, das habe ich nicht erkannt.',
    ],
    closing: ['Schön, dass ich helfen konnte! Sonst noch etwas?', 'Gern geschehen. Schönen Tag!'],
  },
};
