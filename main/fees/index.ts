import type { ChannelName } from '../contract/channels';
import { feesChannels } from '../contract/fees-channels';
import { feature } from '../feature';
import { bookHandlers } from './book-handlers';
import { eReceiptService } from './ereceipt-handlers';
import { feeHandlers } from './fee-handlers';
import { receiptHandlers } from './receipt-handlers';
import { summaryHandlers } from './summary-handlers';

/** Fees and receipts: fees and exemptions on a dossier, payment and receipts, receipt books, the day's cash summary, e-receipts. */
export const feesFeature = feature({
  name: 'fees',
  channels: Object.keys(feesChannels) as Array<keyof typeof feesChannels & ChannelName>,
  open: (ctx) => {
    const ereceipts = eReceiptService(ctx);
    const deps = { wakeEReceipts: ereceipts.wake };
    return { ...ereceipts.handlers, ...feeHandlers(ctx, deps), ...receiptHandlers(ctx, deps), ...bookHandlers(ctx), ...summaryHandlers(ctx) };
  },
});
