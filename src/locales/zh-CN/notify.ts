/** The texts of /notify and of the daily post's role fallback, in Simplified Chinese; `en/notify.ts` has the same keys. */

/** `notify.*`. */
export const notifyZhCN = {
  on: '好的：你已领取身份组 {role}，每日一题发题时会提醒你。/notify off 可以退出。',
  off: '好的：你已退出身份组 {role}，每日一题不再提醒你。',
  noRoles:
    'Telegram 没有身份组，所以没有发题提醒可领取；在群里置顶或打开通知即可。这个命令只用于 Discord 服务器。',
  discordOnly: '这个命令只用于 Discord 服务器：在那里领取每日一题的提醒身份组。',
  noRole: '这个频道的每日一题没有设置提醒身份组。请管理员用 /daily subscribe role:@身份组 设置一个。',
  unavailable: '机器人现在没有连接 Discord，暂时无法修改身份组，请稍后再试。',
  roleGone: '提醒身份组 {role} 已被删除。请管理员用 /daily subscribe role:@身份组 重新选一个。',
  noPermission:
    '机器人没有“管理身份组”权限，不能为你添加或移除身份组。请管理员在服务器设置里给机器人的身份组开启“管理身份组”。',
  roleAbove:
    '提醒身份组 {role} 的位置不低于机器人自己的最高身份组，Discord 不允许机器人分配它。请管理员在“服务器设置 → 身份组”里把机器人的身份组拖到它上面。',
  failed: 'Discord 暂时出错，身份组没有修改，请稍后再试。',
};

/** `daily.roleSkip.*`: why the last post went out without its role ping (`/daily status`). */
export const dailyRoleSkipZhCN = {
  gone: '⚠️ 上一题没有提醒身份组 {role}：这个身份组已被删除。题目照常发出。请用 /daily subscribe role:@身份组 另选一个，或不写 role 取消提醒。',
  noPermission:
    '⚠️ 上一题没有提醒身份组 {role}：它不允许被提及，机器人也没有“提及 @everyone、@here 和所有身份组”权限。题目照常发出。请在服务器设置里让这个身份组“允许任何人提及”，或给机器人这个权限。',
};
