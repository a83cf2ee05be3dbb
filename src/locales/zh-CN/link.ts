/** The texts of linking accounts into one learner (/link, /unlink) in Simplified Chinese. */
export const linkZhCN = {
  title: '关联账号',
  code: '你的一次性关联码：{code}\n{minutes} 分钟内有效，只能用一次。在另一个平台（Discord、Telegram 或终端）发送 {command}，两个账号的复习记录、答题、连续天数、要点统计和计划就会合并成一个学习者。',
  account: '{platform} {id}',
  platform: { discord: 'Discord', telegram: 'Telegram', terminal: '终端' },
  thisAccount: '- {account}（当前账号）',
  otherAccount: '- {account}',
  accounts: '这些账号是同一个学习者，共享全部学习记录：',
  alone: '这个账号还没有关联其他账号。发送 `/link` 获取关联码，再在另一个平台发送 `/link 关联码`。',
  linked: '关联成功：学习记录已合并（同一道题以较晚的复习为准，次数相加）。',
  badCode: '“{value}” 不是关联码。关联码是 10 个字母或数字，例如 `/link ABCDE-FGHJK`。',
  wrongCode: '没有这个关联码。请检查后重试，或在另一个账号上发送 `/link` 重新获取。',
  usedCode: '这个关联码已经用过了，每个关联码只能用一次。请在另一个账号上发送 `/link` 重新获取。',
  expiredCode: '这个关联码已过期（有效期 10 分钟）。请在另一个账号上发送 `/link` 重新获取。',
  ownCode: '这是本账号自己的关联码：请在另一个平台的账号上发送它。',
  already: '这两个账号已经关联了。发送 `/link status` 查看。',
  samePlatform:
    '无法关联：两边都已经有 {platform} 账号，一个学习者在每个平台只能有一个账号。先在其中一个账号上发送 `/unlink`。',
  slowDown: '尝试次数太多了，请过几分钟再输入关联码。',
  notLinked: '这个账号没有关联其他账号，不需要取消。',
  unlinkAsk:
    '取消关联后，{account} 会离开这个学习者，从空白记录重新开始；合并后的全部学习记录留在 {others}。确定吗？',
  unlinkButton: '取消关联',
  forgetLinked: '这个账号已关联其他账号：所有关联账号（{accounts}）的记录都会删除。',
  unlinked: '已取消关联：这个账号从空白记录重新开始，之前的学习记录留在 {others}。',
};
