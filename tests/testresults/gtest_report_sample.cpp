// Run by tst_realtoolreports with --gtest_output=xml: one test of each outcome.
#include <gtest/gtest.h>

#include <stdexcept>

TEST(Math, Adds)
{
    EXPECT_EQ(2, 1 + 1);
}
TEST(Math, Fails)
{
    EXPECT_EQ(3, 1 + 1) << "wrong sum";
}
TEST(Math, Throws)
{
    throw std::runtime_error("boom");
}
TEST(Math, Skipped)
{
    GTEST_SKIP() << "not on this machine";
}
TEST(Math, DISABLED_Off) { }
TEST(DISABLED_Whole, One) { }
