import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { acceptOfferType, declineOfferType } from '@handoff/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@handoff/service-kit';
import { bodyOf, commandHeader, pick } from './command-body.js';
import { CommandSender } from './command-sender.js';

/** An agent's answer to an offer; routing says whether it stood (done) or not (refused: 409). */
@Controller('v1/offers/:offerId')
@Authenticated('agent', 'supervisor')
export class OffersController {
  constructor(private readonly commands: CommandSender) {}

  @Post('accept')
  @HttpCode(200)
  accept(
    @CurrentPrincipal() principal: Principal,
    @Param('offerId') offerId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(acceptOfferType, {
      ...commandHeader(principal),
      offerId,
      ...pick(bodyOf(body), ['conversationId']),
    } as never);
  }

  @Post('decline')
  @HttpCode(200)
  decline(
    @CurrentPrincipal() principal: Principal,
    @Param('offerId') offerId: string,
    @Body() body: unknown,
  ) {
    return this.commands.send(declineOfferType, {
      ...commandHeader(principal),
      offerId,
      ...pick(bodyOf(body), ['conversationId', 'reason']),
    } as never);
  }
}
