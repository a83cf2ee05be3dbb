/** The reminders' texts (/remind, the reminder itself, its notice) in Simplified Chinese. */
export const remindZhCN = {
  title: '⏰ 复习提醒',
  message: '你有 **{due}** 道题到期了，现在复习一下吧。',
  startReview: '开始复习',
  footer: '每天 {time}（{zone}）· /remind off 关闭',
  on: '已开启复习提醒：每天 {time}（{zone}），有到期的题时私信你一次；没有就不打扰。',
  startPrivately:
    '不过我现在还不能私信你：Telegram 只允许机器人给和它开始过私聊的人发消息。请点下面的按钮打开和我的私聊，按“开始”。',
  startPrivatelyButton: '打开私聊',
  off: '已关闭复习提醒。',
  offNothing: '复习提醒本来就是关闭的，没有改变任何东西。',
  statusOn: '复习提醒：开启 · 每天 {time}（{zone}）· 现在 {due} 道到期',
  statusOff:
    '复习提醒：关闭。发送 `/remind on` 开启（默认 09:00，可写时间和时区，例如 `/remind on 08:30 Europe/Berlin`），`/remind off` 关闭。',
  bad: '看不懂“{value}”：请写时间 HH:MM 和/或时区（IANA 名称），例如 `/remind on 08:30 Asia/Shanghai`。',
  badMode: '用法：`/remind on [HH:MM] [时区]` · `/remind off` · `/remind`（查看）。看不懂“{value}”。',
  terminal: '终端里没有提醒：提醒通过 Discord 私信或 Telegram 私聊发送。',
  noticeDiscord:
    '⚠️ 你的复习提醒已关闭：Discord 拒绝了我的私信（你可能关闭了来自服务器成员的私信）。允许私信后发送 `/remind on` 重新开启。',
  noticeTelegram:
    '⚠️ 你的复习提醒已关闭：我没能私聊你（你还没有开始和我的私聊，或屏蔽了我）。在私聊里按“开始”后发送 `/remind on` 重新开启。',
};
