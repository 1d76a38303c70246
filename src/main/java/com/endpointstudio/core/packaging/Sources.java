package com.endpointstudio.core.packaging;

/**
 * Where the containers do what the layout rules reproduce: repository, file and line of their source
 * (read at the commits named in each rule's comment), cited by the findings.
 */
public final class Sources {

    public static final String TOOLKIT = "aws/sagemaker-inference-toolkit src/sagemaker_inference/";
    public static final String TFS = "aws/sagemaker-tensorflow-serving-container docker/build_artifacts/sagemaker/";
    public static final String SKLEARN = "aws/sagemaker-scikit-learn-container src/sagemaker_sklearn_container/";

    public static final String PROGRAM = TOOLKIT + "environment.py:25, 73 and transformer.py:198-206; aws/sagemaker-containers "
            + "src/sagemaker_containers/_env.py:329-330, 404-415";
    static final String CODE_DIR = TOOLKIT + "environment.py:42 (code_dir = /opt/ml/model/code) and "
            + "model_server.py:53 (code/requirements.txt)";
    /** The SDK documents the versions; the inference toolkit's start-up does the install. */
    public static final String REQUIREMENTS_SINCE = "aws/sagemaker-python-sdk doc/frameworks/pytorch/using_pytorch.rst:133 "
            + "(PyTorch 1.3.1) and doc/frameworks/mxnet/using_mxnet.rst:165-169 (MXNet 1.6.0) at 6a4e1658 / 35484d21; "
            + TOOLKIT + "model_server.py:84-85, 201-213";
    static final String TFS_SCRIPT = TFS + "python_service.py:30, 80-87";
    static final String TFS_HANDLERS = TFS + "python_service.py:286-294";
    static final String TRANSFORM_FN = TOOLKIT + "transformer.py:219-223; " + SKLEARN + "serving.py:97-98; "
            + "aws/sagemaker-huggingface-inference-toolkit handler_service.py:296-301";
    static final String SKLEARN_MODEL_FN = SKLEARN + "serving.py:38-45, 90-91; aws/sagemaker-xgboost-container "
            + "src/sagemaker_xgboost_container/serving.py:63-70";
    static final String PYTORCH_DEFAULT = "aws/sagemaker-pytorch-inference-toolkit "
            + "src/sagemaker_pytorch_serving_container/default_pytorch_inference_handler.py:67-84";
    static final String XGBOOST_ALGORITHM = "aws/sagemaker-xgboost-container src/sagemaker_xgboost_container/"
            + "algorithm_mode/serve.py:135, serve_utils.py:158-197";

    private Sources() {
    }
}
