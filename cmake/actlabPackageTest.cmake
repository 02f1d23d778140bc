# Installs the build tree into a scratch prefix, then configures, builds and runs the consumer
# project tests/package against it with find_package(actlab), using the same compiler.
#   cmake -DBUILD_DIR=.. -DCONSUMER_DIR=.. -DWORK_DIR=.. -DGENERATOR=.. -DCXX_COMPILER=..
#         -DCXX_FLAGS=.. -DLAUNCHER=.. -DBUILD_TYPE=.. -DVERSION=.. -P <this>

set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${prefix}" "${consumer_build}")

function(run)
    execute_process(COMMAND ${ARGV} RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        list(JOIN ARGV " " command)
        message(FATAL_ERROR "FAIL (${status}): ${command}")
    endif()
endfunction()

set(config_args "")
if(BUILD_TYPE)
    set(config_args --config "${BUILD_TYPE}")
endif()

run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" ${config_args})
run("${CMAKE_COMMAND}" -S "${CONSUMER_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    # Only the scratch prefix may satisfy find_package(actlab): never the build tree or a registry.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
    "-DACTLAB_EXPECTED_VERSION=${VERSION}")
run("${CMAKE_COMMAND}" --build "${consumer_build}" ${config_args})
run("${consumer_build}/actlab_consumer")
