/**
 * Every text shown to people, in Simplified Chinese (the default language), keyed by command.
 * `{name}` placeholders are filled by the translator. `en.ts` must have the same keys.
 */
export const zhCN = {
  common: {
    apology: '抱歉，出了点问题，已记录下来。请稍后再试。',
    unknownCommand: '没有 /{name} 这个命令。发送 /help 查看全部命令。',
    unknownEntry: '找不到条目 “{id}”。可以用 /search 搜索，或 /topics 浏览。',
    staleButton: '这个按钮已失效（可能来自旧版本）。请重新发送命令。',
    adminOnly: '只有本群/服务器的管理员可以使用这个命令。',
    badChoice: '“{value}” 不是有效的 {option}。可选：{accepted}',
    badInteger: '{option} 需要一个 {min} 到 {max} 之间的整数，收到的是 “{value}”。',
    missingOption: '缺少参数 {option}。用法：{usage}',
    unknownSubcommand: '用法：/{name} <{subcommands}>',
    tooManyArgs: '多余的参数：“{extra}”。用法：{usage}',
    noSuchButton: '没有编号为 {number} 的按钮。',
    revealAnswer: '显示答案',
    nextQuestion: '下一题',
    answer: '参考答案',
    references: '参考链接',
    difficulty: { easy: '简单', medium: '中等', hard: '困难' },
    category: '分类',
  },
  help: {
    title: 'dlkb · 深度学习面试知识库',
    intro: '114 道深度学习面试题：搜索、随机测验、每日一题。答案是要点式的，附参考链接。',
    commands: '命令',
    tip: '提示：按钮可以直接点击；在终端里输入按钮前的数字。',
  },
  search: {
    title: '搜索：{query}',
    none: '没有找到与 “{query}” 相关的条目。换个说法试试，或用 /topics 浏览分类。',
    queryEmpty: '请输入要搜索的内容，例如：/search 交叉熵',
    queryTooLong: '搜索内容太长了（最多 999 个字符）。',
    queryNoWords: '搜索内容里没有可以搜索的文字（只有表情或符号）。',
    footer: '点击编号打开题目卡片。',
  },
  show: {
    footer: '先自己想一想，再点“显示答案”。',
  },
  topics: {
    title: '分类',
    categoryTitle: '{name}（{count} 题）',
    count: '{count} 题',
    page: '第 {page}/{pages} 页',
    previous: '上一页',
    next: '下一页',
    footer: '用 /topics <分类> 查看某个分类的题目，用 /show <id> 打开题目。',
  },
  quiz: {
    title: '随机一题 · {category}',
    none: '没有符合条件的题目。',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every locale file must have. */
export type Messages = Widen<typeof zhCN>;
