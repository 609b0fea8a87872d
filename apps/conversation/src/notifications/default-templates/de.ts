import type { DefaultTemplates } from './default-templates.js';

const wait =
  '{waitMinutes, select, none {} other { Die erwartete Wartezeit beträgt etwa {waitMinutes, plural, one {# Minute} other {# Minuten}}.}}';

export const de: DefaultTemplates = {
  'handoff.connecting':
    '{agentName, select, none {Ich verbinde Sie mit unserem Team.} other {Ich verbinde Sie mit {agentName}.}} Der bisherige Verlauf liegt vor, Sie müssen nichts wiederholen.',
  'handoff.queued': `Alle Mitarbeitenden sind gerade beschäftigt. Sie sind in der Warteschlange und werden so bald wie möglich verbunden.{position, select, none {} other { Sie sind an Position {position} der Warteschlange.}}${wait}`,
  'handoff.position_update': `{position, select, none {Sie sind weiterhin in der Warteschlange.} other {Sie sind jetzt an Position {position} der Warteschlange.}}${wait}`,
  'handoff.agent_joined':
    '{agentName, select, none {Jemand aus unserem Team ist} other {{agentName} ist}} dem Gespräch beigetreten und sieht den bisherigen Verlauf.',
  'handoff.transferred':
    '{agentName, select, none {{queue, select, none {Ich leite Sie an ein anderes Team weiter.} other {Ich leite Sie an {queue} weiter.}}} other {Ich leite Sie an {agentName} weiter.}} Der bisherige Verlauf wird mitgegeben.',
  'handoff.callback':
    'Gerade kann niemand Ihr Anliegen übernehmen. {callbackTime, select, none {Wir rufen Sie zurück, sobald jemand frei ist.} other {Wir rufen Sie um {callbackTime} zurück.}}',
  'handoff.leave_message':
    'Gerade kann niemand Ihr Anliegen übernehmen. Hinterlassen Sie hier eine Nachricht, sie wird beantwortet.',
  'handoff.closed_hours':
    'Wir haben gerade geschlossen, daher kann niemand Ihr Anliegen übernehmen. {opensAt, select, none {Bitte melden Sie sich zu unseren Öffnungszeiten wieder.} other {Wir öffnen wieder um {opensAt}.}}',
  'handoff.back_to_bot':
    'Sie sind wieder beim virtuellen Assistenten, und ich helfe Ihnen gern weiter. Fragen Sie jederzeit erneut nach einem Mitarbeitenden.',
  'handoff.csat':
    'Wie bewerten Sie Ihr Gespräch mit {agentName, select, none {unserem Team} other {{agentName}}}? Antworten Sie mit einer Zahl von 1 bis 5.',
};
