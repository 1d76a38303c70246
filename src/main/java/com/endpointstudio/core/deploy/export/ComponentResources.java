package com.endpointstudio.core.deploy.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inference components of a CloudFormation template: an AWS::SageMaker::InferenceComponent per
 * component on the template's Endpoint, and for copies that autoscale, the scalable target and
 * target-tracking policy (and, scaling to zero, the step policy and the AWS::CloudWatch::Alarm on
 * NoCapacityInvocationFailures whose action it is) — the requests of {@link ComponentRequests}.
 */
final class ComponentResources {

    private final ObjectNode resources;
    private final Set<String> used;
    private final Map<String, String> modelIds;

    ComponentResources(ObjectNode resources, Set<String> used, Map<String, String> modelIds) {
        this.resources = resources;
        this.used = used;
        this.modelIds = modelIds;
    }

    void add(ExportPlan plan) {
        for (Map<String, Object> request : plan.createInferenceComponents()) {
            String name = (String) request.get("InferenceComponentName");
            String id = CloudFormationExport.logicalId("InferenceComponent" + CloudFormationExport.alnum(name), used);
            ObjectNode component = (ObjectNode) CloudFormationExport.node(request);
            component.set("EndpointName", CloudFormationExport.getAtt(CloudFormationExport.ENDPOINT_ID,
                    "EndpointName"));
            ObjectNode specification = (ObjectNode) component.get("Specification");
            specification.set("ModelName", CloudFormationExport.getAtt(modelIds.get(specification.get("ModelName")
                    .asText()), "ModelName"));
            resources.set(id, CloudFormationExport.resource("AWS::SageMaker::InferenceComponent", component));
            plan.componentScaling().stream().filter(s -> s.component().equals(name)).findFirst()
                    .ifPresent(scaling -> scaling(id, scaling));
        }
    }

    private void scaling(String componentId, ComponentRequests.Scaling scaling) {
        String prefix = CloudFormationExport.alnum(scaling.component());
        String targetId = CloudFormationExport.logicalId("CopyScalableTarget" + prefix, used);
        // the component's name is the spec's (no attribute returns it): the target waits for the component
        ObjectNode target = (ObjectNode) CloudFormationExport.node(scaling.registerScalableTarget());
        ObjectNode targetResource = CloudFormationExport.resource("AWS::ApplicationAutoScaling::ScalableTarget", target);
        targetResource.put("DependsOn", componentId);
        resources.set(targetId, targetResource);
        resources.set(CloudFormationExport.logicalId("CopyScalingPolicy" + prefix, used),
                CloudFormationExport.resource("AWS::ApplicationAutoScaling::ScalingPolicy",
                        policy(scaling.putScalingPolicy(), targetId)));
        if (scaling.scaleOutFromZero() == null) {
            return;
        }
        String stepId = CloudFormationExport.logicalId("CopyScaleOutFromZero" + prefix, used);
        resources.set(stepId, CloudFormationExport.resource("AWS::ApplicationAutoScaling::ScalingPolicy",
                policy(scaling.scaleOutFromZero(), targetId)));
        ObjectNode alarm = (ObjectNode) CloudFormationExport.node(scaling.noCapacityAlarm());
        alarm.putArray("AlarmActions").addObject().put("Ref", stepId); // a scaling policy's Ref is its ARN
        resources.set(CloudFormationExport.logicalId("CopyNoCapacityAlarm" + prefix, used),
                CloudFormationExport.resource("AWS::CloudWatch::Alarm", alarm));
    }

    private static ObjectNode policy(Map<String, Object> request, String targetId) {
        ObjectNode policy = (ObjectNode) CloudFormationExport.node(request);
        policy.remove(List.of("ServiceNamespace", "ResourceId", "ScalableDimension"));
        policy.putObject("ScalingTargetId").put("Ref", targetId);
        return policy;
    }
}
