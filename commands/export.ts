/** /export: your cards as a file to import into Anki, and your review history as CSV. */

import { exportReply } from '../src/features/export/reply.ts';
import { button, buttonsOf } from '../src/kernel/button.ts';
import { defineCommand } from '../src/kernel/command.ts';

/** export:run sends the files again (the private chat a Telegram group reply opens). */
const again = button('export', 'run', (ctx) => exportReply(ctx, again.action()), {
  readOnly: true,
});

export default defineCommand({
  name: 'export',
  description: {
    'zh-CN': '导出你的题卡到 Anki（附复习记录 CSV）',
    en: 'Export your cards to Anki (with your review history as CSV)',
  },
  replies: 'private',
  run: (ctx) => exportReply(ctx, again.action()),
  ...buttonsOf('export', again),
});
