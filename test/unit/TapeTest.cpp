//===- unit/TapeTest.cpp - the runtime tape -------------------------------===//
#include "tad/tape.h"

#include <gtest/gtest.h>

using tad::Tape;

TEST(TapeTest, PopsLastFirstAcrossTypesAndGrowth) {
  Tape T;
  for (int I = 0; I < 1000; ++I) {
    T.push<double>(I * 0.5);
    T.push<int>(-I);
    T.push<bool>(I % 3 == 0);
  }
  EXPECT_EQ(T.size(), 1000 * (sizeof(double) + sizeof(int) + sizeof(bool)));
  for (int I = 999; I >= 0; --I) {
    EXPECT_EQ(T.pop<bool>(), I % 3 == 0);
    EXPECT_EQ(T.pop<int>(), -I);
    EXPECT_EQ(T.pop<double>(), I * 0.5);
  }
  EXPECT_EQ(T.size(), 0u);
}

TEST(TapeTest, SavedVectorsComeBackWholeBetweenScalars) {
  Tape T;
  std::vector<std::size_t> Rows = {3, 0, 2, 1};
  std::vector<double> Empty, X = {0.5, -1.25};
  T.push<int>(7);
  T.push_elements(Rows);
  T.push_elements(Empty);
  T.push<double>(2.5);
  T.push_elements(X);
  Rows[0] = 9; // the saved copy is not a view
  EXPECT_EQ(T.pop_elements<double>(), (std::vector<double>{0.5, -1.25}));
  EXPECT_EQ(T.pop<double>(), 2.5);
  EXPECT_TRUE(T.pop_elements<double>().empty());
  EXPECT_EQ(T.pop_elements<std::size_t>(),
            (std::vector<std::size_t>{3, 0, 2, 1}));
  EXPECT_EQ(T.pop<int>(), 7);
  EXPECT_EQ(T.size(), 0u);
}

TEST(TapeTest, ReserveSizesStorageOnce) {
  Tape T;
  T.push<int>(1);
  T.reserve(1 << 20);
  size_t Cap = T.capacity();
  EXPECT_GE(Cap, size_t(1 << 20) + sizeof(int));
  for (int I = 0; I < (1 << 17); ++I)
    T.push<double>(I);
  EXPECT_EQ(T.capacity(), Cap); // no growth inside the reservation
  T.reserve(-5);                // a negative hint is ignored
  T.reserve(0);
  EXPECT_EQ(T.capacity(), Cap);
}

TEST(TapeTest, StorageIsReusedByTheNextTapeOfTheThread) {
  size_t Cap;
  {
    Tape T;
    T.reserve(1 << 16);
    Cap = T.capacity();
  }
  Tape Next; // takes the buffer the first tape gave back
  EXPECT_EQ(Next.capacity(), Cap);
  EXPECT_EQ(Next.size(), 0u);
  Tape Nested; // the spare is taken: a nested tape starts empty
  EXPECT_EQ(Nested.capacity(), 0u);
  Nested.push<double>(2.5);
  EXPECT_EQ(Nested.pop<double>(), 2.5);
}

TEST(TapeTest, TripsCountsEmptyRangesAsZero) {
  EXPECT_EQ(tad::trips(0, 10), 10);
  EXPECT_EQ(tad::trips(3, 3), 0);
  EXPECT_EQ(tad::trips(5, -2), 0);
}
