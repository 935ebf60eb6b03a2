// Tencent's documented limits that the cloud code enforces or relies on, in one place with their
// sources (quotes in docs/cloud.md). Sources: TencentCloud/tencentcloud-cli
// tccli/services/{cvm/v20170312,tat/v20201028}/api.json (the API reference the CLI and SDKs are
// generated from) and Tencent/tat-agent src/executor/task.rs.

/** CreateImage ImageName: "最多支持60个字符" (at most 60 characters). */
export const IMAGE_NAME_MAX_CHARS = 60;
/** CreateImage ImageDescription: "最多支持 256 个字符". */
export const IMAGE_DESCRIPTION_MAX_CHARS = 256;
/** DescribeInstances InstanceIds: "每次请求的实例的上限为100"; Limit max 100. */
export const DESCRIBE_INSTANCES_MAX = 100;
/** DescribeImages Limit: "最大值为100". */
export const DESCRIBE_IMAGES_MAX = 100;
/** RunCommand / InvokeCommand InstanceIds: "上限200". */
export const TAT_INSTANCES_PER_CALL = 200;
/** DescribeAutomationAgentStatus InstanceIds: "每次请求的上限为 100". */
export const AGENT_STATUS_MAX = 100;
/** DescribeInvocationTasks InvocationTaskIds / Limit and DescribeInvocations InvocationIds: 100. */
export const INVOCATION_QUERY_MAX = 100;
/** RunCommand Content: "Base64 编码后的字符串长度不能超过 64KB". */
export const TAT_CONTENT_MAX_BASE64 = 64 * 1024;
/** RunCommand Timeout: "取值范围[1, 86400]". */
export const TAT_TIMEOUT_RANGE = [1, 86_400] as const;
/** TaskResult.Output: "Base64编码后的命令输出。最大长度24KB"; the agent keeps the first 24 KiB of raw
 * output (MAX_REPORT_BYTES = 24 * 1024) and reports the rest as TaskResult.Dropped. */
export const TAT_OUTPUT_MAX_BYTES = 24 * 1024;
/** OutputCOSKeyPrefix: "长度最多为60". */
export const COS_KEY_PREFIX_MAX_CHARS = 60;

/** Characters as the console and API count them: code points, not UTF-16 units. */
export function charCount(text: string): number {
  // Code points: UTF-16 units less the second half of each surrogate pair.
  return text.length - (text.match(/[\uDC00-\uDFFF]/g)?.length ?? 0);
}
