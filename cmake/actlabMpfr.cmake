# Finds GNU MPFR and GMP (used through Boost.Multiprecision's mpfr backend) and defines the
# imported target actlab::mpfr when both are present. Optional: actlab itself never needs them.
# Installed next to actlabConfig.cmake, where it backs the `mpfr` component:
#   find_package(actlab REQUIRED COMPONENTS mpfr)

if(TARGET actlab::mpfr)
    return()
endif()

find_path(ACTLAB_MPFR_INCLUDE_DIR mpfr.h)
find_library(ACTLAB_MPFR_LIBRARY mpfr)
find_path(ACTLAB_GMP_INCLUDE_DIR gmp.h)
find_library(ACTLAB_GMP_LIBRARY gmp)
mark_as_advanced(ACTLAB_MPFR_INCLUDE_DIR ACTLAB_MPFR_LIBRARY ACTLAB_GMP_INCLUDE_DIR ACTLAB_GMP_LIBRARY)

if(ACTLAB_MPFR_INCLUDE_DIR AND ACTLAB_MPFR_LIBRARY AND ACTLAB_GMP_INCLUDE_DIR AND ACTLAB_GMP_LIBRARY)
    add_library(actlab::mpfr INTERFACE IMPORTED)
    set_target_properties(actlab::mpfr PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${ACTLAB_MPFR_INCLUDE_DIR};${ACTLAB_GMP_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${ACTLAB_MPFR_LIBRARY};${ACTLAB_GMP_LIBRARY}")
endif()
