(define (problem os-sequencedstrips-p60_2)
(:domain openstacks-sequencedstrips-nonADL-nonNegated)
(:objects 
n0 n1 n2 n3 n4 n5 n6 n7 n8 n9 n10 n11 n12 n13 n14 n15 n16 n17 n18 n19 n20 n21 n22 n23 n24 n25 n26 n27 n28 n29 n30 n31 n32 n33 n34 n35 n36 n37 n38 n39 n40 n41 n42 n43 n44 n45 n46 n47 n48 n49 n50 n51 n52 n53 n54 n55 n56 n57 n58 n59 n60  - count
)

(:init
(next-count n0 n1) (next-count n1 n2) (next-count n2 n3) (next-count n3 n4) (next-count n4 n5) (next-count n5 n6) (next-count n6 n7) (next-count n7 n8) (next-count n8 n9) (next-count n9 n10) (next-count n10 n11) (next-count n11 n12) (next-count n12 n13) (next-count n13 n14) (next-count n14 n15) (next-count n15 n16) (next-count n16 n17) (next-count n17 n18) (next-count n18 n19) (next-count n19 n20) (next-count n20 n21) (next-count n21 n22) (next-count n22 n23) (next-count n23 n24) (next-count n24 n25) (next-count n25 n26) (next-count n26 n27) (next-count n27 n28) (next-count n28 n29) (next-count n29 n30) (next-count n30 n31) (next-count n31 n32) (next-count n32 n33) (next-count n33 n34) (next-count n34 n35) (next-count n35 n36) (next-count n36 n37) (next-count n37 n38) (next-count n38 n39) (next-count n39 n40) (next-count n40 n41) (next-count n41 n42) (next-count n42 n43) (next-count n43 n44) (next-count n44 n45) (next-count n45 n46) (next-count n46 n47) (next-count n47 n48) (next-count n48 n49) (next-count n49 n50) (next-count n50 n51) (next-count n51 n52) (next-count n52 n53) (next-count n53 n54) (next-count n54 n55) (next-count n55 n56) (next-count n56 n57) (next-count n57 n58) (next-count n58 n59) (next-count n59 n60) 
(stacks-avail n0)

(waiting o1)
(includes o1 p18)(includes o1 p29)

(waiting o2)
(includes o2 p5)

(waiting o3)
(includes o3 p3)(includes o3 p14)

(waiting o4)
(includes o4 p26)(includes o4 p30)(includes o4 p38)

(waiting o5)
(includes o5 p41)(includes o5 p55)

(waiting o6)
(includes o6 p21)

(waiting o7)
(includes o7 p3)(includes o7 p15)

(waiting o8)
(includes o8 p51)

(waiting o9)
(includes o9 p25)(includes o9 p33)

(waiting o10)
(includes o10 p46)(includes o10 p50)(includes o10 p52)

(waiting o11)
(includes o11 p35)(includes o11 p37)(includes o11 p53)

(waiting o12)
(includes o12 p26)

(waiting o13)
(includes o13 p11)(includes o13 p20)(includes o13 p49)

(waiting o14)
(includes o14 p59)

(waiting o15)
(includes o15 p27)(includes o15 p39)(includes o15 p48)(includes o15 p57)

(waiting o16)
(includes o16 p5)(includes o16 p18)(includes o16 p23)(includes o16 p40)

(waiting o17)
(includes o17 p43)(includes o17 p44)(includes o17 p46)(includes o17 p56)

(waiting o18)
(includes o18 p4)(includes o18 p13)(includes o18 p29)(includes o18 p30)

(waiting o19)
(includes o19 p10)(includes o19 p20)

(waiting o20)
(includes o20 p46)

(waiting o21)
(includes o21 p1)

(waiting o22)
(includes o22 p7)(includes o22 p32)(includes o22 p35)

(waiting o23)
(includes o23 p21)(includes o23 p34)

(waiting o24)
(includes o24 p21)(includes o24 p53)

(waiting o25)
(includes o25 p16)(includes o25 p19)

(waiting o26)
(includes o26 p2)(includes o26 p48)

(waiting o27)
(includes o27 p20)(includes o27 p32)

(waiting o28)
(includes o28 p8)(includes o28 p12)(includes o28 p15)

(waiting o29)
(includes o29 p15)

(waiting o30)
(includes o30 p20)(includes o30 p25)(includes o30 p46)(includes o30 p50)

(waiting o31)
(includes o31 p43)

(waiting o32)
(includes o32 p16)(includes o32 p45)

(waiting o33)
(includes o33 p17)

(waiting o34)
(includes o34 p35)(includes o34 p36)

(waiting o35)
(includes o35 p30)(includes o35 p31)(includes o35 p51)(includes o35 p54)(includes o35 p60)

(waiting o36)
(includes o36 p18)

(waiting o37)
(includes o37 p36)(includes o37 p53)(includes o37 p56)(includes o37 p58)(includes o37 p60)

(waiting o38)
(includes o38 p22)(includes o38 p56)

(waiting o39)
(includes o39 p47)

(waiting o40)
(includes o40 p32)

(waiting o41)
(includes o41 p55)

(waiting o42)
(includes o42 p24)(includes o42 p33)(includes o42 p43)(includes o42 p44)(includes o42 p60)

(waiting o43)
(includes o43 p8)(includes o43 p23)(includes o43 p28)(includes o43 p32)

(waiting o44)
(includes o44 p24)(includes o44 p34)(includes o44 p45)(includes o44 p48)

(waiting o45)
(includes o45 p51)(includes o45 p53)

(waiting o46)
(includes o46 p6)(includes o46 p59)

(waiting o47)
(includes o47 p26)(includes o47 p56)(includes o47 p60)

(waiting o48)
(includes o48 p18)(includes o48 p47)

(waiting o49)
(includes o49 p43)

(waiting o50)
(includes o50 p13)

(waiting o51)
(includes o51 p49)

(waiting o52)
(includes o52 p25)

(waiting o53)
(includes o53 p17)(includes o53 p30)

(waiting o54)
(includes o54 p11)(includes o54 p14)(includes o54 p15)(includes o54 p16)

(waiting o55)
(includes o55 p21)

(waiting o56)
(includes o56 p29)(includes o56 p59)

(waiting o57)
(includes o57 p38)

(waiting o58)
(includes o58 p57)

(waiting o59)
(includes o59 p5)(includes o59 p9)(includes o59 p14)(includes o59 p42)

(waiting o60)
(includes o60 p4)

(not-made p1)
(not-made p2)
(not-made p3)
(not-made p4)
(not-made p5)
(not-made p6)
(not-made p7)
(not-made p8)
(not-made p9)
(not-made p10)
(not-made p11)
(not-made p12)
(not-made p13)
(not-made p14)
(not-made p15)
(not-made p16)
(not-made p17)
(not-made p18)
(not-made p19)
(not-made p20)
(not-made p21)
(not-made p22)
(not-made p23)
(not-made p24)
(not-made p25)
(not-made p26)
(not-made p27)
(not-made p28)
(not-made p29)
(not-made p30)
(not-made p31)
(not-made p32)
(not-made p33)
(not-made p34)
(not-made p35)
(not-made p36)
(not-made p37)
(not-made p38)
(not-made p39)
(not-made p40)
(not-made p41)
(not-made p42)
(not-made p43)
(not-made p44)
(not-made p45)
(not-made p46)
(not-made p47)
(not-made p48)
(not-made p49)
(not-made p50)
(not-made p51)
(not-made p52)
(not-made p53)
(not-made p54)
(not-made p55)
(not-made p56)
(not-made p57)
(not-made p58)
(not-made p59)
(not-made p60)

(= (total-cost) 0)

)

(:goal
(and
(shipped o1)
(shipped o2)
(shipped o3)
(shipped o4)
(shipped o5)
(shipped o6)
(shipped o7)
(shipped o8)
(shipped o9)
(shipped o10)
(shipped o11)
(shipped o12)
(shipped o13)
(shipped o14)
(shipped o15)
(shipped o16)
(shipped o17)
(shipped o18)
(shipped o19)
(shipped o20)
(shipped o21)
(shipped o22)
(shipped o23)
(shipped o24)
(shipped o25)
(shipped o26)
(shipped o27)
(shipped o28)
(shipped o29)
(shipped o30)
(shipped o31)
(shipped o32)
(shipped o33)
(shipped o34)
(shipped o35)
(shipped o36)
(shipped o37)
(shipped o38)
(shipped o39)
(shipped o40)
(shipped o41)
(shipped o42)
(shipped o43)
(shipped o44)
(shipped o45)
(shipped o46)
(shipped o47)
(shipped o48)
(shipped o49)
(shipped o50)
(shipped o51)
(shipped o52)
(shipped o53)
(shipped o54)
(shipped o55)
(shipped o56)
(shipped o57)
(shipped o58)
(shipped o59)
(shipped o60)
))

(:metric minimize (total-cost))

)

