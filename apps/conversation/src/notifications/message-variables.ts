import { IntlMessageFormat } from 'intl-messageformat';

type MessageElement = ReturnType<IntlMessageFormat['getAst']>[number];

// Element kinds of the ICU parser's tree that name no variable: plain text and `#` in a plural.
const literalKind = 0;
const poundKind = 7;

/**
 * Parses an ICU MessageFormat source as rendering will. Tags are read as text: a notice is plain
 * text, and a `<` a tenant writes must not need escaping.
 */
export function compileMessage(source: string, language: string): IntlMessageFormat {
  return new IntlMessageFormat(source, language, undefined, { ignoreTag: true });
}

/** Every variable a message mentions, in its plural and select branches too. */
export function variablesOf(message: IntlMessageFormat): Set<string> {
  const found = new Set<string>();
  const visit = (elements: readonly MessageElement[]): void => {
    for (const element of elements) {
      if (element.type !== literalKind && element.type !== poundKind && 'value' in element)
        found.add(String(element.value));
      if ('options' in element)
        for (const option of Object.values(element.options)) visit(option.value);
      if ('children' in element) visit(element.children);
    }
  };
  visit(message.getAst());
  return found;
}
