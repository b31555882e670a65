(define (problem opening-day)
  (:domain paris-delivery)
  (:objects van1 - van drone1 - drone
            laptops badges plants - parcel
            depot bastille station_f montmartre - location)
  (:init (at van1 depot) (at drone1 depot) (empty drone1)
         (at laptops depot) (at badges depot) (at plants bastille)
         (road depot bastille) (road bastille depot)
         (road bastille station_f) (road station_f bastille))
  (:goal (and (at laptops station_f) (at badges station_f) (at plants montmartre))))
