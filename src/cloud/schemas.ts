// The parts of CVM and TAT answers the code reads, checked on arrival (the SDK returns untyped JSON).
// Field names and meanings from the API reference (tccli api.json, cvm 2017-03-12 / tat 2020-10-28);
// fields documented as "may return null" are nullish, and unknown fields are kept.
import * as z from 'zod';

const str = z.string().nullish();
const int = z.number().nullish();

export const DiskSchema = z.looseObject({ DiskId: str, DiskType: str, DiskSize: int });

export const InstanceSchema = z.looseObject({
  InstanceId: z.string(),
  InstanceName: str,
  InstanceState: str,
  OsName: str,
  ImageId: str,
  SystemDisk: DiskSchema.nullish(),
  DataDisks: z.array(DiskSchema).nullish(),
  Placement: z.looseObject({ Zone: str }).nullish(),
  Tags: z.array(z.looseObject({ Key: z.string(), Value: str })).nullish(),
  LatestOperation: str,
  LatestOperationState: str,
  RestrictState: str,
  CamRoleName: str,
  PrivateIpAddresses: z.array(z.string()).nullish(),
  /** ISO 8601, UTC: "创建时间。按照ISO8601标准表示，并且使用UTC时间。" */
  CreatedTime: str,
  /** KEEP_CHARGING, STOP_CHARGING, NOT_APPLICABLE ("实例的关机计费模式"). */
  StopChargingMode: str,
});
export type ApiInstance = z.infer<typeof InstanceSchema>;

export const DescribeInstancesSchema = z.looseObject({
  TotalCount: z.number(),
  InstanceSet: z.array(InstanceSchema).nullish(),
  RequestId: str,
});

export const ImageSchema = z.looseObject({
  ImageId: z.string(),
  ImageName: str,
  ImageState: str,
  ImageType: str,
  OsName: str,
  Platform: str,
  ImageSize: int,
  CreatedTime: str,
});
export type ApiImage = z.infer<typeof ImageSchema>;

export const DescribeImagesSchema = z.looseObject({
  TotalCount: z.number(),
  ImageSet: z.array(ImageSchema).nullish(),
  RequestId: str,
});

export const DescribeImageQuotaSchema = z.looseObject({ ImageNumQuota: z.number(), RequestId: str });

export const CreateImageSchema = z.looseObject({ ImageId: str, RequestId: str });

export const AgentInfoSchema = z.looseObject({
  InstanceId: z.string(),
  AgentStatus: str,
  Environment: str,
  Version: str,
  LastHeartbeatTime: str,
});
export const DescribeAutomationAgentStatusSchema = z.looseObject({
  AutomationAgentSet: z.array(AgentInfoSchema).nullish(),
  TotalCount: int,
  RequestId: str,
});

export const RunCommandSchema = z.looseObject({ InvocationId: z.string(), CommandId: str, RequestId: str });

export const InvocationSchema = z.looseObject({
  InvocationId: z.string(),
  InvocationStatus: str,
  InvocationTaskBasicInfoSet: z.array(z.looseObject({ InvocationTaskId: z.string(), TaskStatus: str, InstanceId: z.string() })).nullish(),
});
export const DescribeInvocationsSchema = z.looseObject({
  TotalCount: int,
  InvocationSet: z.array(InvocationSchema).nullish(),
  RequestId: str,
});

export const TaskResultSchema = z.looseObject({
  ExitCode: int,
  /** Base64 of the first 24 KiB of output. */
  Output: str,
  /** Bytes of output cut off. */
  Dropped: int,
  OutputUrl: str,
  OutputUploadCOSErrorInfo: str,
});
export const InvocationTaskSchema = z.looseObject({
  InvocationId: str,
  InvocationTaskId: z.string(),
  InstanceId: z.string(),
  TaskStatus: str,
  TaskResult: TaskResultSchema.nullish(),
  ErrorInfo: str,
});
export type ApiInvocationTask = z.infer<typeof InvocationTaskSchema>;
export const DescribeInvocationTasksSchema = z.looseObject({
  TotalCount: int,
  InvocationTaskSet: z.array(InvocationTaskSchema).nullish(),
  RequestId: str,
});
