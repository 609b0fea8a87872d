import { problemOf, succeeded, type DeskApi } from './api.js';
import { byId } from './dom.js';
import { packetView, transcriptView } from './packet-view.js';

interface PanelEvents {
  /** The conversation left the agent: resolved, returned to the bot or transferred. */
  onLetGo(conversationId: string): void;
}

/** The conversation open on screen: its context packet, its transcript, and what the agent does with it. */
export class ConversationPanel {
  private conversationId: string | undefined;

  constructor(
    private readonly api: DeskApi,
    private readonly tell: (message: string) => void,
    private readonly events: PanelEvents,
  ) {
    this.on('reply-form', async (id) => {
      const text = byId<HTMLTextAreaElement>('reply-text');
      if (await this.act(id, 'messages', { text: text.value })) text.value = '';
    });
    this.on('note-form', async (id) => {
      const text = byId<HTMLInputElement>('note-text');
      if (await this.act(id, 'notes', { text: text.value })) text.value = '';
    });
    this.on('transfer-form', async (id) => {
      const toAgentId = byId<HTMLInputElement>('transfer-agent').value.trim();
      const toQueue = byId<HTMLInputElement>('transfer-queue').value.trim();
      const reason = byId<HTMLInputElement>('transfer-reason').value.trim();
      const target = toAgentId ? { toAgentId } : { toQueue };
      if (await this.act(id, 'transfer', { ...target, ...(reason ? { reason } : {}) }))
        this.letGo(id, 'transferred');
    });
    this.on('close-form', async (id) => {
      const outcome = {
        ...this.closing(),
        disposition: byId<HTMLSelectElement>('disposition').value,
      };
      if (await this.act(id, 'resolve', outcome)) this.letGo(id, 'resolved');
    });
    byId('return-to-bot').addEventListener('click', () => {
      const id = this.conversationId;
      if (!id) return;
      void this.act(id, 'return-to-bot', {
        summary: 'Returned to the bot',
        ...this.closing(),
      }).then((done) => done && this.letGo(id, 'returned to the bot'));
    });
  }

  async open(conversationId: string): Promise<void> {
    this.conversationId = conversationId;
    byId('conversation').hidden = false;
    byId('conversation-title').textContent = conversationId;
    await this.refresh();
  }

  /** Something happened in a conversation: read it again if it is the one on screen. */
  refreshIf(conversationId: string): void {
    if (conversationId === this.conversationId) void this.refresh();
  }

  private async refresh(): Promise<void> {
    const id = this.conversationId;
    if (!id) return;
    const answer = await this.api.context(id);
    if (id !== this.conversationId) return;
    if (answer.status !== 200) return this.tell(problemOf(answer));
    const packet = answer.body;
    byId('packet').replaceChildren(packetView(packet));
    byId('transcript').replaceChildren(transcriptView(packet.transcript?.messages ?? []));
    for (const button of byId('packet').querySelectorAll<HTMLButtonElement>('.use-reply'))
      button.addEventListener('click', () => {
        byId<HTMLTextAreaElement>('reply-text').value = button.textContent ?? '';
      });
  }

  private closing(): { summary?: string; handoffNeeded: boolean } {
    const summary = byId<HTMLInputElement>('close-summary').value.trim();
    const needed = byId<HTMLInputElement>('handoff-needed').checked;
    return { ...(summary ? { summary } : {}), handoffNeeded: needed };
  }

  private on(formId: string, submit: (conversationId: string) => Promise<void>): void {
    byId<HTMLFormElement>(formId).addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.conversationId) void submit(this.conversationId);
    });
  }

  private async act(conversationId: string, action: string, body: object): Promise<boolean> {
    const answer = await this.api.act(conversationId, action, body);
    if (!succeeded(answer, this.tell)) return false;
    this.tell(`${action.replace(/-/g, ' ')}: done`);
    await this.refresh();
    return true;
  }

  private letGo(conversationId: string, how: string): void {
    this.events.onLetGo(conversationId);
    if (this.conversationId !== conversationId) return;
    this.conversationId = undefined;
    byId('conversation').hidden = true;
    this.tell(`${conversationId} ${how}`);
  }
}
