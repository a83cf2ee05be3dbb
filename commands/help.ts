/** /help: what the bot does and every command, generated from the definitions. */
import { usageOf } from '../src/kernel/args.ts';
import { defineCommand } from '../src/kernel/command.ts';

export default defineCommand({
  name: 'help',
  description: { 'zh-CN': '查看使用说明和全部命令', en: 'What dlkb does and every command' },
  run(ctx) {
    const lines = ctx.commands.map((c) => {
      const usages = c.subcommands
        ? Object.entries(c.subcommands).map(([name, sub]) => usageOf(`/${c.name} ${name}`, sub.options))
        : [usageOf(`/${c.name}`, c.options)];
      const admin = c.access === 'admin' ? ' 🔒' : '';
      return `- \`${usages.join('` · `')}\`${admin}: ${c.description[ctx.locale]}`;
    });
    return {
      title: ctx.t('help.title'),
      body: `${ctx.t('help.intro')}\n\n**${ctx.t('help.commands')}**\n${lines.join('\n')}`,
      footer: ctx.t('help.tip'),
    };
  },
});
