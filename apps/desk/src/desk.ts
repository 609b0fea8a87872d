import { succeeded, type Answer, type DeskApi } from './api.js';
import { ConversationPanel } from './conversation-panel.js';
import { byId, el, timeOf } from './dom.js';
import { followStream, type LiveEvent } from './live-stream.js';
import { presenceProfile, showPresence } from './presence-form.js';

interface Offer {
  offerId: string;
  conversationId: string;
  queue?: string;
  language?: string;
  expiresAt: string;
}

const heartbeatMs = 15_000;

/**
 * The desk's state: the agent's offers and conversations, kept current by the live stream, and the
 * conversation open on screen.
 */
export class Desk {
  private readonly offers = new Map<string, Offer>();
  private readonly mine = new Set<string>();
  private readonly panel: ConversationPanel;

  constructor(
    private readonly api: DeskApi,
    private readonly agentId: string,
  ) {
    this.panel = new ConversationPanel(api, (message) => this.tell(message), {
      onLetGo: (conversationId) => {
        this.mine.delete(conversationId);
        this.showConversations();
      },
    });
  }

  async start(): Promise<void> {
    byId<HTMLFormElement>('status-form').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.setStatus();
    });
    followStream(this.api.token, {
      onEvent: (event) => this.onLive(event),
      onReset: () => void this.loadOffers(),
      onState: (state) => {
        const connection = byId('connection');
        connection.textContent = state === 'live' ? 'live' : 'reconnecting…';
        connection.classList.toggle('live', state === 'live');
      },
    });
    setInterval(() => void this.api.heartbeat(), heartbeatMs);
    await Promise.all([this.loadOffers(), this.loadPresence()]);
  }

  private async setStatus(): Promise<void> {
    const answer = await this.api.setStatus(presenceProfile());
    if (!this.succeeded(answer)) return;
    this.tell('status set');
    await this.loadPresence();
  }

  private async loadPresence(): Promise<void> {
    const answer = await this.api.me();
    showPresence(answer.status === 200 ? answer.body : undefined);
  }

  private async loadOffers(): Promise<void> {
    const answer = await this.api.offers();
    if (!this.succeeded(answer)) return;
    this.offers.clear();
    for (const offer of answer.body.offers ?? []) this.offers.set(offer.offerId, offer);
    this.showOffers();
  }

  private onLive({ type, event }: LiveEvent): void {
    const data = event.data ?? {};
    if (type === 'handoff.routing.decided') this.onDecision(data);
    else if (
      type === 'handoff.conversation.message.recorded' ||
      type === 'handoff.agent.message.sent'
    )
      this.panel.refreshIf(data.conversationId);
  }

  private onDecision(decision: any): void {
    const forMe = decision.agent?.agentId === this.agentId;
    if (decision.outcome === 'offered' && forMe && decision.offer) {
      this.offers.set(decision.offer.offerId, {
        offerId: decision.offer.offerId,
        conversationId: decision.conversationId,
        queue: decision.routedBy?.queue,
        language: decision.requirements?.language,
        expiresAt: decision.offer.expiresAt,
      });
    } else if (decision.offer?.offerId) this.offers.delete(decision.offer.offerId);
    if (decision.outcome === 'assigned' && forMe) {
      this.mine.add(decision.conversationId);
      void this.panel.open(decision.conversationId);
    }
    if (decision.outcome === 'transferred' && decision.transfer?.fromAgentId === this.agentId)
      this.mine.delete(decision.conversationId);
    this.showOffers();
    this.showConversations();
  }

  private showOffers(): void {
    const list = byId('offers');
    list.replaceChildren(
      ...[...this.offers.values()].map((offer) => {
        const accept = el('button', { type: 'button', 'data-testid': 'accept' }, 'Accept');
        const decline = el('button', { type: 'button' }, 'Decline');
        accept.addEventListener('click', () => void this.answer(offer, 'accept'));
        decline.addEventListener('click', () => void this.answer(offer, 'decline'));
        return el(
          'li',
          { 'data-testid': 'offer', 'data-conversation': offer.conversationId },
          el('span', {}, offer.conversationId),
          ` ${offer.queue ?? ''} ${offer.language ?? ''} until ${timeOf(offer.expiresAt)} `,
          accept,
          decline,
        );
      }),
    );
  }

  private showConversations(): void {
    byId('conversations').replaceChildren(
      ...[...this.mine].map((conversationId) => {
        const open = el('button', { type: 'button' }, conversationId);
        open.addEventListener('click', () => void this.panel.open(conversationId));
        return el('li', {}, open);
      }),
    );
  }

  private async answer(offer: Offer, kind: 'accept' | 'decline'): Promise<void> {
    const answer = await this.api.answerOffer(offer.offerId, offer.conversationId, kind);
    this.offers.delete(offer.offerId);
    this.showOffers();
    if (this.succeeded(answer) && kind === 'accept') {
      this.mine.add(offer.conversationId);
      this.showConversations();
      await this.panel.open(offer.conversationId);
    }
  }

  private succeeded(answer: Answer): boolean {
    return succeeded(answer, (message) => this.tell(message));
  }

  private tell(message: string): void {
    byId('notice').textContent = message;
  }
}
